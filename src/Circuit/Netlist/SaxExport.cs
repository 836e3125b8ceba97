using System.Globalization;
using System.Text.Json.Nodes;
using PhotonicKit.Circuit.Diagnostics;
using PhotonicKit.Components;

namespace PhotonicKit.Circuit.Netlist;

/// <summary>
/// Writes a flattened circuit as a SAX netlist dict (JSON): every built-in becomes one or a few of SAX's models (sax.models
/// 0.17, "inout" port names) with the same S-matrix, so that `sax.circuit(netlist, models=sax.models)` computes what
/// PhotonicKit computes, and reading the file back (<see cref="NetlistImport"/>) gives the same circuit (docs/interop.md,
/// "Export").
/// </summary>
public static class SaxExport
{
    /// <summary>c in µm/ps.</summary>
    private const double SpeedOfLightUmPerPs = 299.792458;

    /// <summary>
    /// The SAX netlist of <paramref name="document"/>'s flattened circuit, or null when an instance has no SAX equivalent
    /// (an error naming it in <paramref name="bag"/>).
    /// </summary>
    /// <param name="document">A loaded netlist (its circuit flattened).</param>
    /// <param name="bag">Receives the errors.</param>
    public static JsonObject? Export(NetlistDocument document, DiagnosticBag bag)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(bag);
        var circuit = document.Circuit;
        var names = UniqueNames(circuit.Instances.Select(i => i.Name).ToList());
        var instances = new JsonObject();
        var connections = new JsonObject();
        // (instance, PhotonicKit port) → "sax instance,sax port".
        var portOf = new Dictionary<(int, string), string>();
        bool ok = true;
        for (int i = 0; i < circuit.Instances.Count; i++)
        {
            var instance = circuit.Instances[i];
            var parts = Parts(instance, names[i], document.WavelengthNm);
            if (parts is null)
            {
                bag.Error(instance.Mark, instance.Name, $"'{instance.Component.Model.Name}' has no equivalent among SAX's models: export covers passive circuits of waveguide, delay_line, phase_shifter, attenuator, beam_splitter, mmi1x2, mmi2x2, directional_coupler without a slope, ring_all_pass and ring_add_drop");
                ok = false;
                continue;
            }
            foreach (var (name, model, settings) in parts.Value.Instances)
                instances[name] = new JsonObject { ["component"] = model, ["settings"] = settings };
            foreach (var (a, b) in parts.Value.Internal) connections[a] = b;
            foreach (var (port, target) in parts.Value.Ports) portOf[(i, port)] = target;
        }
        if (!ok) return null;
        foreach (var c in circuit.Connections)
            connections[portOf[(c.A.Instance, circuit.Instances[c.A.Instance].Component.Ports[c.A.Port])]]
                = portOf[(c.B.Instance, circuit.Instances[c.B.Instance].Component.Ports[c.B.Port])];
        var ports = new JsonObject();
        foreach (var p in circuit.ExternalPorts)
            ports[p.Name] = portOf[(p.Port.Instance, circuit.Instances[p.Port.Instance].Component.Ports[p.Port.Port])];
        return new JsonObject { ["instances"] = instances, ["connections"] = connections, ["ports"] = ports };
    }

    private readonly record struct Expansion(
        List<(string Name, string Model, JsonObject Settings)> Instances,
        List<(string A, string B)> Internal,
        Dictionary<string, string> Ports);

    /// <summary>The SAX instances of one PhotonicKit instance, their inner connections, and where its ports went.</summary>
    private static Expansion? Parts(FlatInstance instance, string name, double fileWavelengthNm)
    {
        var spec = instance.Component.Model.Settings.ToDictionary(s => s.Name, StringComparer.Ordinal);
        double Get(string key, double fallback) =>
            instance.Settings.TryGetValue(key, out var v) && v is SettingValue.Number n ? n.Value : spec.TryGetValue(key, out var s) && s.Default is double d ? d : fallback;
        var parts = new Expansion([], [], new Dictionary<string, string>(StringComparer.Ordinal));
        double loss = Get("loss_db", 0);
        switch (instance.Component.Model.Name)
        {
            case "waveguide":
                parts.Instances.Add((name, "straight", Straight(Get("length_um", 0), Get("n_eff", 2.4), Get("n_g", 4.2), Get("wavelength0_nm", fileWavelengthNm), Get("loss_db_per_cm", 0))));
                TwoPort(parts, name);
                return parts;
            case "delay_line":
            {
                // e^{i2πcτ/λ}: a 1 µm straight of index cτ/(1 µm) without dispersion; the loss over that micrometre.
                double n = SpeedOfLightUmPerPs * Get("delay_ps", 0);
                parts.Instances.Add((name, "straight", Straight(1, n, n, fileWavelengthNm, loss * 1e4)));
                TwoPort(parts, name);
                return parts;
            }
            case "phase_shifter":
                // SAX: e^{i(2π·neff·L/λ + π·voltage)}·10^(−loss·L/20): neff 0, L = 1 µm.
                parts.Instances.Add((name, "phase_shifter", new JsonObject { ["neff"] = 0.0, ["voltage"] = Get("phase_rad", 0) / Math.PI, ["length"] = 1.0, ["loss"] = loss }));
                TwoPort(parts, name);
                return parts;
            case "attenuator":
                parts.Instances.Add((name, "attenuator", new JsonObject { ["loss"] = loss }));
                TwoPort(parts, name);
                return parts;
            case "beam_splitter":
            case "mmi2x2":
                Coupler(parts, name, instance.Component.Model.Name == "mmi2x2" ? 0.5 : Get("coupling", 0.5), loss);
                return parts;
            case "directional_coupler":
                if (Get("coupling_slope_per_nm", 0) != 0) return null;
                Coupler(parts, name, Get("coupling", 0.5), loss);
                return parts;
            case "isolator":
                // SAX's isolator: o1 → o2 10^(−insertion_loss_dB/20), back 10^(−isolation_dB/20), its ports o1, o2 in both strategies.
                parts.Instances.Add((name, "isolator", new JsonObject { ["insertion_loss_dB"] = Get("insertion_loss_db", 0), ["isolation_dB"] = Get("isolation_db", 40) }));
                parts.Ports["o1"] = name + ",o1";
                parts.Ports["o2"] = name + ",o2";
                return parts;
            case "terminator":
                // SAX's terminator: S(o1, o1) = √reflection, its port named o1 in both naming strategies.
                parts.Instances.Add((name, "terminator", new JsonObject { ["reflection"] = Get("reflectivity", 0) }));
                parts.Ports["o1"] = name + ",o1";
                return parts;
            case "dispersive_coupler":
                // SAX's coupler is this formula in µm, with SAX's names (couplers.py).
                Coupler(parts, name, "coupler", new JsonObject
                {
                    ["length"] = Get("length_um", 0), ["wl0"] = Get("wavelength0_nm", fileWavelengthNm) / 1e3,
                    ["coupling0"] = Get("phase0_rad", 0), ["dk1"] = Get("phase_slope_per_um", 0), ["dk2"] = Get("phase_curvature_per_um2", 0),
                    ["dn"] = Get("delta_n", 0), ["dn1"] = Get("delta_n_slope_per_um", 0), ["dn2"] = Get("delta_n_curvature_per_um2", 0),
                }, loss);
                return parts;
            case "mmi1x2":
            {
                string input = name;
                if (loss != 0)
                {
                    // One path through each: the loss once, at the input.
                    parts.Instances.Add((name + "_loss", "attenuator", new JsonObject { ["loss"] = loss }));
                    parts.Internal.Add((name + "_loss,out0", name + ",in0"));
                    input = name + "_loss";
                }
                parts.Instances.Add((name, "mmi1x2_ideal", new JsonObject()));
                parts.Ports["in0"] = input + ",in0";
                parts.Ports["out0"] = name + ",out0";
                parts.Ports["out1"] = name + ",out1";
                return parts;
            }
            case "ring_all_pass":
            case "ring_add_drop":
            {
                // The primitive constructions of the format (spec §3): couplers and the ring's waveguide(s).
                double length = Get("length_um", 0), coupling = Get("coupling", 0);
                var wg = (Get("n_eff", 2.4), Get("n_g", 4.2), Get("wavelength0_nm", fileWavelengthNm), Get("loss_db_per_cm", 0));
                if (instance.Component.Model.Name == "ring_all_pass")
                {
                    parts.Instances.Add((name + "_c", "coupler_ideal", new JsonObject { ["coupling"] = coupling }));
                    parts.Instances.Add((name + "_wg", "straight", Straight(length, wg.Item1, wg.Item2, wg.Item3, wg.Item4)));
                    parts.Internal.Add((name + "_c,out1", name + "_wg,in0"));
                    parts.Internal.Add((name + "_wg,out0", name + "_c,in1"));
                    parts.Ports["in0"] = name + "_c,in0";
                    parts.Ports["out0"] = name + "_c,out0";
                    return parts;
                }
                double drop = instance.Settings.ContainsKey("coupling_drop") ? Get("coupling_drop", coupling) : coupling;
                parts.Instances.Add((name + "_c1", "coupler_ideal", new JsonObject { ["coupling"] = coupling }));
                parts.Instances.Add((name + "_c2", "coupler_ideal", new JsonObject { ["coupling"] = drop }));
                parts.Instances.Add((name + "_wg1", "straight", Straight(length / 2, wg.Item1, wg.Item2, wg.Item3, wg.Item4)));
                parts.Instances.Add((name + "_wg2", "straight", Straight(length / 2, wg.Item1, wg.Item2, wg.Item3, wg.Item4)));
                parts.Internal.Add((name + "_c1,out1", name + "_wg1,in0"));
                parts.Internal.Add((name + "_wg1,out0", name + "_c2,in1"));
                parts.Internal.Add((name + "_c2,out1", name + "_wg2,in0"));
                parts.Internal.Add((name + "_wg2,out0", name + "_c1,in1"));
                parts.Ports["in0"] = name + "_c1,in0";
                parts.Ports["out0"] = name + "_c1,out0";
                parts.Ports["add"] = name + "_c2,in0";
                parts.Ports["drop"] = name + "_c2,out0";
                return parts;
            }
            default:
                return null;
        }
    }

    private static JsonObject Straight(double lengthUm, double neff, double ng, double wavelength0Nm, double lossDbPerCm) => new()
    {
        ["length"] = lengthUm, ["neff"] = neff, ["ng"] = ng, ["wl0"] = wavelength0Nm / 1e3, ["loss_dB_cm"] = lossDbPerCm,
    };

    private static void TwoPort(Expansion parts, string name)
    {
        parts.Ports["o1"] = name + ",in0";
        parts.Ports["o2"] = name + ",out0";
    }

    /// <summary>coupler_ideal (τ through, iκ across), with the loss as an attenuator on each output (each path crosses one).</summary>
    private static void Coupler(Expansion parts, string name, double coupling, double loss) =>
        Coupler(parts, name, "coupler_ideal", new JsonObject { ["coupling"] = coupling }, loss);

    private static void Coupler(Expansion parts, string name, string model, JsonObject settings, double loss)
    {
        parts.Instances.Add((name, model, settings));
        parts.Ports["in0"] = name + ",in0";
        parts.Ports["in1"] = name + ",in1";
        if (loss == 0)
        {
            parts.Ports["out0"] = name + ",out0";
            parts.Ports["out1"] = name + ",out1";
            return;
        }
        for (int k = 0; k < 2; k++)
        {
            string a = $"{name}_loss{k}";
            parts.Instances.Add((a, "attenuator", new JsonObject { ["loss"] = loss }));
            parts.Internal.Add(($"{name},out{k}", a + ",in0"));
            parts.Ports[$"out{k}"] = a + ",out0";
        }
    }

    /// <summary>Instance names SAX and PhotonicKit both accept: a hierarchy's dots become "__", clashes get a number.</summary>
    private static List<string> UniqueNames(List<string> names)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<string>(names.Count);
        foreach (var original in names)
        {
            var chars = original.Select(c => char.IsAsciiLetterOrDigit(c) || c == '_' ? c.ToString() : c == '.' ? "__" : "_");
            string name = string.Concat(chars);
            if (name.Length == 0 || char.IsAsciiDigit(name[0])) name = "i_" + name;
            string candidate = name;
            for (int k = 2; !used.Add(candidate); k++) candidate = name + "_" + k.ToString(CultureInfo.InvariantCulture);
            result.Add(candidate);
        }
        return result;
    }
}
