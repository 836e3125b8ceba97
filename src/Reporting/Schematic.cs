using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Msagl.Core.Geometry;
using Microsoft.Msagl.Core.Geometry.Curves;
using Microsoft.Msagl.Core.Layout;
using Microsoft.Msagl.Layout.Layered;
using Microsoft.Msagl.Miscellaneous;
using PhotonicKit.Circuit;

namespace PhotonicKit.Reporting;

/// <summary>
/// A drawing of a flattened circuit as inline SVG: one box per instance (its name and component), one small box per
/// external port, one line per connection, laid out left to right by MSAGL's layered (Sugiyama) layout. The line between
/// two instances carries the two ports it joins as a tooltip.
/// </summary>
public static class Schematic
{
    /// <summary>Circuits with more instances are not drawn (a layered layout of thousands of boxes is neither quick nor readable).</summary>
    public const int MaxInstances = 150;

    private const double CharWidth = 7.2, BoxHeight = 36, PortSize = 18;

    /// <summary>The SVG of <paramref name="circuit"/>, or null when it has more than <see cref="MaxInstances"/> instances.</summary>
    /// <param name="circuit">The flattened circuit.</param>
    public static string? Svg(FlatCircuit circuit)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        if (circuit.Instances.Count > MaxInstances || circuit.Instances.Count == 0) return null;
        var graph = new GeometryGraph();
        var nodes = new Node[circuit.Instances.Count];
        for (int i = 0; i < nodes.Length; i++)
        {
            var instance = circuit.Instances[i];
            double width = Math.Max(instance.Name.Length, instance.Component.Model.Name.Length) * CharWidth + 20;
            nodes[i] = new Node(CurveFactory.CreateRectangle(width, BoxHeight, new Point()), i);
            graph.Nodes.Add(nodes[i]);
        }
        var tooltips = new List<(Edge Edge, string Text, bool External)>();
        foreach (var c in circuit.Connections)
        {
            var edge = new Edge(nodes[c.A.Instance], nodes[c.B.Instance]);
            graph.Edges.Add(edge);
            tooltips.Add((edge, $"{circuit.Describe(c.A)} — {circuit.Describe(c.B)}", false));
        }
        var ports = new List<(Node Node, string Name)>();
        foreach (var p in circuit.ExternalPorts)
        {
            var node = new Node(CurveFactory.CreateRectangle(Math.Max(PortSize, p.Name.Length * CharWidth + 8), PortSize, new Point()), p.Name);
            graph.Nodes.Add(node);
            ports.Add((node, p.Name));
            // A port on an instance's input (in…, add, o1, left) stands before the circuit, the others after it.
            string port = circuit.Instances[p.Port.Instance].Component.Ports[p.Port.Port];
            bool input = port.StartsWith("in", StringComparison.Ordinal) || port is "add" or "o1" or "left";
            var edge = input ? new Edge(node, nodes[p.Port.Instance]) : new Edge(nodes[p.Port.Instance], node);
            graph.Edges.Add(edge);
            tooltips.Add((edge, $"port {p.Name} = {circuit.Describe(p.Port)}", true));
        }
        var settings = new SugiyamaLayoutSettings
        {
            Transformation = PlaneTransformation.Rotation(Math.PI / 2),
            NodeSeparation = 20,
            LayerSeparation = 40,
        };
        LayoutHelpers.CalculateLayout(graph, settings, null);
        var box = graph.BoundingBox;
        double margin = 10, width0 = box.Width + 2 * margin, height0 = box.Height + 2 * margin;
        // MSAGL's y grows upwards, SVG's downwards.
        string X(double x) => (x - box.Left + margin).ToString("0.#", CultureInfo.InvariantCulture);
        string Y(double y) => (box.Top - y + margin).ToString("0.#", CultureInfo.InvariantCulture);
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"schematic\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width0.ToString("0.#", CultureInfo.InvariantCulture)} {height0.ToString("0.#", CultureInfo.InvariantCulture)}\" width=\"{Math.Min(width0, 1000).ToString("0.#", CultureInfo.InvariantCulture)}\" role=\"img\" aria-label=\"circuit schematic\">\n");
        svg.Append("<g fill=\"none\" stroke=\"#4a6fa5\" stroke-width=\"1.5\">\n");
        foreach (var (edge, text, external) in tooltips)
        {
            if (edge.Curve is null) continue;
            svg.Append("<path class=\"").Append(external ? "port-link" : "connection").Append("\" d=\"").Append(PathData(edge.Curve, X, Y)).Append("\"")
                .Append(external ? " stroke-dasharray=\"4 3\"" : "").Append("><title>").Append(WebUtility.HtmlEncode(text)).Append("</title></path>\n");
        }
        svg.Append("</g>\n<g font-family=\"system-ui, sans-serif\" font-size=\"11\" text-anchor=\"middle\">\n");
        for (int i = 0; i < nodes.Length; i++)
        {
            var b = nodes[i].BoundingBox;
            var instance = circuit.Instances[i];
            svg.Append("<g class=\"instance\"><rect x=\"").Append(X(b.Left)).Append("\" y=\"").Append(Y(b.Top)).Append("\" width=\"")
                .Append(b.Width.ToString("0.#", CultureInfo.InvariantCulture)).Append("\" height=\"").Append(b.Height.ToString("0.#", CultureInfo.InvariantCulture))
                .Append("\" rx=\"4\" fill=\"#eef3fa\" stroke=\"#4a6fa5\"/>");
            svg.Append("<text x=\"").Append(X(b.Center.X)).Append("\" y=\"").Append(Y(b.Center.Y + 3)).Append("\" font-weight=\"600\">").Append(WebUtility.HtmlEncode(instance.Name)).Append("</text>");
            svg.Append("<text x=\"").Append(X(b.Center.X)).Append("\" y=\"").Append(Y(b.Center.Y - 11)).Append("\" fill=\"#555\">").Append(WebUtility.HtmlEncode(instance.Component.Model.Name)).Append("</text></g>\n");
        }
        foreach (var (node, name) in ports)
        {
            var b = node.BoundingBox;
            svg.Append("<g class=\"port\"><rect x=\"").Append(X(b.Left)).Append("\" y=\"").Append(Y(b.Top)).Append("\" width=\"")
                .Append(b.Width.ToString("0.#", CultureInfo.InvariantCulture)).Append("\" height=\"").Append(b.Height.ToString("0.#", CultureInfo.InvariantCulture))
                .Append("\" rx=\"9\" fill=\"#fff7e6\" stroke=\"#b07a00\"/><text x=\"").Append(X(b.Center.X)).Append("\" y=\"").Append(Y(b.Center.Y - 4))
                .Append("\">").Append(WebUtility.HtmlEncode(name)).Append("</text></g>\n");
        }
        svg.Append("</g>\n</svg>");
        return svg.ToString();
    }

    /// <summary>An SVG path through the curve, sampled densely enough for the splines MSAGL routes.</summary>
    private static string PathData(ICurve curve, Func<double, string> x, Func<double, string> y)
    {
        var d = new StringBuilder();
        const int samples = 24;
        for (int k = 0; k <= samples; k++)
        {
            var p = curve[curve.ParStart + (curve.ParEnd - curve.ParStart) * k / samples];
            d.Append(k == 0 ? "M" : " L").Append(x(p.X)).Append(' ').Append(y(p.Y));
        }
        return d.ToString();
    }
}
