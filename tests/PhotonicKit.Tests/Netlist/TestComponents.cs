using PhotonicKit.Circuit.Diagnostics;
using PhotonicKit.Circuit.Netlist;
using PhotonicKit.Components;
using PhotonicKit.Components.Passive;

namespace PhotonicKit.Tests.Netlist;

/// <summary>Small component models for netlist tests, so the loader is tested independently of the built-ins.</summary>
internal static class TestComponents
{
    public static ComponentRegistry Registry { get; } = new([new WaveguideModel(), new Splitter(), new Demux(), new Detector(), new MatrixComponent()]);

    public static (NetlistDocument? Document, DiagnosticBag Bag) Load(string text, string fileName = "test.yaml", bool strict = false)
    {
        var bag = new DiagnosticBag(fileName);
        var doc = NetlistLoader.Load(text, fileName, bag, Registry, strict);
        return (doc, bag);
    }

    /// <summary>The single error of <paramref name="bag"/> (fails when there is not exactly one).</summary>
    public static Diagnostic SingleError(DiagnosticBag bag)
    {
        var errors = bag.Errors.ToList();
        Assert.True(errors.Count == 1, "expected one error, got:\n" + string.Join("\n", bag.All));
        return errors[0];
    }

    public static string Dump(DiagnosticBag bag) => string.Join("\n", bag.All);

    private sealed class NoOp(ComponentModel model, IReadOnlyList<string> ports) : BoundComponent(model, ports)
    {
        protected override void Fill(SMatrixSweep destination) { }
    }

    /// <summary>Ports in0, in1, out0, out1; coupling in [0, 1] (default 0.5), loss_db ≥ 0.</summary>
    public sealed class Splitter : ComponentModel
    {
        public override string Name => "splitter";
        public override string Summary => "test splitter";
        public override IReadOnlyList<SettingSpec> Settings { get; } =
        [
            new("coupling", SettingKind.Number, "", "power fraction to the cross port") { Default = 0.5, Min = 0, Max = 1 },
            new("loss_db", SettingKind.Number, "dB", "loss") { Default = 0, Min = 0 },
        ];
        public override IReadOnlyList<string>? FixedPorts { get; } = ["in0", "in1", "out0", "out1"];
        public override ComponentTraits Traits { get; } = new(true, true, true);
        protected override BoundComponent BindCore(SettingsReader settings, ComponentContext context)
        {
            settings.Number("coupling");
            settings.Number("loss_db");
            settings.ThrowIfErrors();
            return new NoOp(this, FixedPorts!);
        }
    }

    /// <summary>Ports in, out0 … out{N−1} from the integer setting channels; efficiency a number or a list.</summary>
    public sealed class Demux : ComponentModel
    {
        public override string Name => "demux";
        public override string Summary => "test demultiplexer";
        public override IReadOnlyList<SettingSpec> Settings { get; } =
        [
            new("channels", SettingKind.Integer, "", "number of outputs") { Required = true, Min = 1, Max = 64 },
            new("efficiency", SettingKind.NumberOrList, "", "efficiency per channel") { Default = 1, Min = 0, Max = 1 },
        ];
        public override IReadOnlyList<string>? FixedPorts => null;
        public override string PortsDescription => "in, out0 … out{N−1}";
        public override ComponentTraits Traits { get; } = new(true, false, false);
        public static double[] LastEfficiency { get; private set; } = [];
        protected override BoundComponent BindCore(SettingsReader settings, ComponentContext context)
        {
            int n = settings.Integer("channels");
            var eff = settings.NumberOrList("efficiency", n);
            settings.ThrowIfErrors();
            LastEfficiency = eff;
            return new NoOp(this, ["in", .. Enumerable.Range(0, n).Select(i => $"out{i}")]);
        }
    }

    /// <summary>Port in; resolution threshold | pnr.</summary>
    public sealed class Detector : ComponentModel
    {
        public override string Name => "detector";
        public override string Summary => "test detector";
        public override IReadOnlyList<SettingSpec> Settings { get; } =
        [
            new("efficiency", SettingKind.Number, "", "detection efficiency") { Default = 1, Min = 0, Max = 1 },
            new("resolution", SettingKind.Choice, "", "photon-number resolution") { DefaultChoice = "threshold", Choices = ["threshold", "pnr"] },
        ];
        public override IReadOnlyList<string>? FixedPorts { get; } = ["in"];
        public override ComponentTraits Traits { get; } = new(true, true, false);
        protected override BoundComponent BindCore(SettingsReader settings, ComponentContext context)
        {
            settings.Number("efficiency");
            settings.Choice("resolution");
            settings.ThrowIfErrors();
            return new NoOp(this, FixedPorts!);
        }
    }

    /// <summary>Ports in0 … in{m−1}, out0 … out{m−1} from a square matrix setting.</summary>
    public sealed class MatrixComponent : ComponentModel
    {
        public override string Name => "matrix";
        public override string Summary => "test matrix";
        public override IReadOnlyList<SettingSpec> Settings { get; } =
        [
            new("matrix_re", SettingKind.Matrix, "", "real parts") { Required = true },
        ];
        public override IReadOnlyList<string>? FixedPorts => null;
        public override ComponentTraits Traits { get; } = new(true, false, false);
        protected override BoundComponent BindCore(SettingsReader settings, ComponentContext context)
        {
            var m = settings.Matrix("matrix_re");
            settings.ThrowIfErrors();
            int n = m!.Length;
            return new NoOp(this, [.. Enumerable.Range(0, n).Select(i => $"in{i}"), .. Enumerable.Range(0, n).Select(i => $"out{i}")]);
        }
    }
}
