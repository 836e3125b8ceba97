using System.Globalization;
using PhotonicKit.Circuit.Diagnostics;

namespace PhotonicKit.Circuit.Netlist;

/// <summary>
/// One of SAX's models (sax.models, version 0.17) as PhotonicKit reads it: the component it becomes, its ports (SAX's
/// "inout" names in0 … out1 and its "optical" names o1 … oN, both accepted) and its settings with SAX's defaults and units
/// (µm) converted. Settings SAX's model does not take are ignored, as SAX ignores them, with a warning.
/// </summary>
/// <param name="Name">SAX's model name.</param>
/// <param name="Ports">SAX port name → PhotonicKit port name.</param>
/// <param name="Map">The component and its settings for the SAX instance's settings (null: none given) and the run's wavelength
/// grid (nm; SAX's mmi1x2 and mmi2x2 normalise their response over it).</param>
internal sealed record SaxModel(string Name, IReadOnlyDictionary<string, string> Ports,
    Func<MappingNode?, string, DiagnosticBag, double[], (string Component, List<KeyValuePair<ScalarNode, Node>> Settings)> Map);

/// <summary>The table of SAX's models that PhotonicKit reads (docs/interop.md, "SAX").</summary>
internal static class SaxModels
{
    /// <summary>The model a SAX <c>phase_shifter</c> becomes: a dispersion-free waveguide and a fixed phase.</summary>
    public const string PhaseShifterModel = "sax_phase_shifter";

    /// <summary>The model a SAX <c>splitter_ideal</c> becomes: a 2 × 2 <c>unitary</c> whose second input is terminated.</summary>
    public const string SplitterModel = "sax_splitter_ideal";

    /// <summary>SAX models PhotonicKit does not read, each with the reason.</summary>
    public static readonly IReadOnlyDictionary<string, string> Unsupported = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["circulator"] = "SAX's 'circulator' (o1 → o2 → o3 → o1 forward, the reverse isolated) with its forward and isolated amplitudes f and b has the largest singular value f + b, 1.01 with its defaults (0 dB forward, 40 dB isolation), which is gain; PhotonicKit has no circulator component, and a measured circulator can enter a PhotonicKit netlist as a 'sparameters' file",
        ["ideal_probe"] = "SAX's 'ideal_probe' is a measurement tap that copies the light without taking any (not passive), which SAX inserts through circuit(..., probes=...); it is not a component of a circuit here",
        ["copier"] = Factory("copier"), ["passthru"] = Factory("passthru"), ["unitary"] = Factory("unitary"),
        ["model_2port"] = Factory("model_2port"), ["model_3port"] = Factory("model_3port"), ["model_4port"] = Factory("model_4port"),
    };

    private static string Factory(string name) =>
        $"SAX's '{name}' is a model factory (sax.models.{name}(...) returns a model, with its port counts as arguments), which SAX cannot evaluate under this name: the netlist names a model the user made from it, whose size the file does not give";

    private static readonly Dictionary<string, string> TwoPort = new(StringComparer.Ordinal) { ["in0"] = "o1", ["out0"] = "o2", ["o1"] = "o1", ["o2"] = "o2" };

    // PortNamer(2, 2): inputs in0, in1; outputs numbered from the last port (o3 = out1, o4 = out0).
    private static readonly Dictionary<string, string> Coupler = new(StringComparer.Ordinal)
    {
        ["in0"] = "in0", ["in1"] = "in1", ["out0"] = "out0", ["out1"] = "out1", ["o1"] = "in0", ["o2"] = "in1", ["o3"] = "out1", ["o4"] = "out0",
    };

    // PortNamer(1, 2): o2 = out1, o3 = out0.
    private static readonly Dictionary<string, string> Splitter = new(StringComparer.Ordinal)
    {
        ["in0"] = "in0", ["out0"] = "out0", ["out1"] = "out1", ["o1"] = "in0", ["o2"] = "out1", ["o3"] = "out0",
    };

    // SAX's mmi2x2 sends in0 straight to out1 (its o3) and across to out0 with a factor i; PhotonicKit's mmi2x2 sends in0
    // straight to out0: SAX's out1 is PhotonicKit's out0.
    private static readonly Dictionary<string, string> Mmi2x2 = new(StringComparer.Ordinal)
    {
        ["in0"] = "in0", ["in1"] = "in1", ["out1"] = "out0", ["out0"] = "out1", ["o1"] = "in0", ["o2"] = "in1", ["o3"] = "out0", ["o4"] = "out1",
    };

    // SAX's terminator names its one port o1 in both strategies.
    private static readonly Dictionary<string, string> OnePort = new(StringComparer.Ordinal) { ["o1"] = "o1" };

    // PortNamer(1, 1): in0/o1 is the waveguide, out0/o2 the fiber.
    private static readonly Dictionary<string, string> Grating = new(StringComparer.Ordinal) { ["in0"] = "wg", ["out0"] = "fiber", ["o1"] = "wg", ["o2"] = "fiber" };

    private static readonly string[] DispersiveCoupler = ["wl0", "length", "coupling0", "dk1", "dk2", "dn", "dn1", "dn2"];

    // SAX's isolator names its ports o1 and o2 in both strategies.
    private static readonly Dictionary<string, string> IsolatorPorts = new(StringComparer.Ordinal) { ["o1"] = "o1", ["o2"] = "o2" };

    /// <summary>The settings each SAX model takes (besides wl): SAX ignores any other.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Known = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["straight"] = ["wl0", "neff", "ng", "length", "loss_dB_cm"],
        ["bend"] = ["wl0", "neff", "ng", "length", "loss_dB_cm"],
        ["attenuator"] = ["loss"],
        ["phase_shifter"] = ["neff", "voltage", "length", "loss"],
        ["coupler_ideal"] = ["coupling"],
        ["coupler"] = ["coupling", .. DispersiveCoupler],
        ["mmi1x2_ideal"] = [],
        ["mmi2x2_ideal"] = [],
        ["mmi1x2"] = ["wl0", "fwhm", "loss_dB"],
        ["mmi2x2"] = ["wl0", "fwhm", "loss_dB", "shift", "loss_dB_cross", "loss_dB_thru", "splitting_ratio_cross", "splitting_ratio_thru"],
        ["crossing_ideal"] = [],
        ["grating_coupler"] = ["wl0", "loss", "reflection", "reflection_fiber", "bandwidth"],
        ["splitter_ideal"] = ["coupling"],
        ["terminator"] = ["reflection"],
        ["reflector"] = ["reflection", "loss_dB"],
        ["mirror"] = ["reflection", "loss_dB"],
        ["isolator"] = ["insertion_loss_dB", "isolation_dB"],
    };

    /// <summary>SAX model name → how it is read.</summary>
    public static readonly IReadOnlyDictionary<string, SaxModel> Table = new Dictionary<string, SaxModel>(StringComparer.Ordinal)
    {
        ["straight"] = new("straight", TwoPort, (s, path, bag, _) => Straight("straight", s, path, bag, 0.0)),
        ["bend"] = new("bend", TwoPort, (s, path, bag, _) => Straight("bend", s, path, bag, 0.1)),
        ["attenuator"] = new("attenuator", TwoPort, (s, path, bag, _) =>
        {
            var r = new Reader("attenuator", s, path, bag, Known["attenuator"]);
            return ("attenuator", [r.Number("loss_db", "loss", 0)]);
        }),
        ["phase_shifter"] = new("phase_shifter", TwoPort, (s, path, bag, _) =>
        {
            // phase = 2π·neff·L/λ + π·voltage, amplitude 10^(−loss·L/20) (loss per µm), no dispersion.
            var r = new Reader("phase_shifter", s, path, bag, Known["phase_shifter"]);
            // neff = 0 (as PhotonicKit's export writes a fixed phase): no waveguide, the loss over the length at once.
            if (s?["neff"] is ScalarNode zero && zero.TryGetNumber(out double n0) && n0 == 0)
            {
                double l = s["length"] is ScalarNode ln && ln.TryGetNumber(out double lv) ? lv : 10;
                return ("phase_shifter", [r.Number("phase_rad", "voltage", 0, x => x * Math.PI), r.Number("loss_db", "loss", 0, x => x * l)]);
            }
            var length = r.Number("length_um", "length", 10);
            var neff = r.Number("n_eff", "neff", 2.34);
            return (PhaseShifterModel, [length, neff, new(Key("n_g", neff.Key.Mark), neff.Value), r.Constant("wavelength0_nm", 1550),
                r.Number("loss_db_per_cm", "loss", 0, x => x * 1e4), r.Number("phase_rad", "voltage", 0, x => x * Math.PI)]);
        }),
        ["coupler_ideal"] = new("coupler_ideal", Coupler, (s, path, bag, _) =>
        {
            var r = new Reader("coupler_ideal", s, path, bag, Known["coupler_ideal"]);
            return ("beam_splitter", [r.Number("coupling", "coupling", 0.5)]);
        }),
        ["coupler"] = new("coupler", Coupler, (s, path, bag, _) =>
        {
            var given = s?.Entries.Select(e => e.Key.Value).ToList() ?? [];
            if (given.Contains("coupling") && !given.Intersect(DispersiveCoupler).Any())
            {
                bag.Warning(s!.Mark, path + ".component", "a SAX 'coupler' with 'coupling' is read as SAX's coupler_ideal (SAX's own dispersive 'coupler' model has no 'coupling' and would ignore it, using coupling0 = 0.2 rad)");
                var r = new Reader("coupler_ideal", s, path, bag, Known["coupler_ideal"]);
                return ("beam_splitter", [r.Number("coupling", "coupling", 0.5)]);
            }
            // SAX's dispersive coupler: θ(λ) = κ0(λ) + πΔn(λ)L/λ, through cos θ, across −i sin θ (couplers.py). With any of its own
            // settings given, 'coupling' is ignored, as SAX ignores it.
            var d = new Reader("coupler", s, path, bag, DispersiveCoupler);
            return ("dispersive_coupler", [d.Number("length_um", "length", 0), d.Number("wavelength0_nm", "wl0", 1.55, x => x * 1e3),
                d.Number("phase0_rad", "coupling0", 0.2), d.Number("phase_slope_per_um", "dk1", 1.2435), d.Number("phase_curvature_per_um2", "dk2", 5.3022),
                d.Number("delta_n", "dn", 0.02), d.Number("delta_n_slope_per_um", "dn1", 0.1169), d.Number("delta_n_curvature_per_um2", "dn2", 0.4821)]);
        }),
        ["mmi1x2_ideal"] = new("mmi1x2_ideal", Splitter, (s, path, bag, grid) =>
        {
            _ = new Reader("mmi1x2_ideal", s, path, bag, Known["mmi1x2_ideal"]);
            return ("mmi1x2", []);
        }),
        ["mmi2x2_ideal"] = new("mmi2x2_ideal", Coupler, (s, path, bag, grid) =>
        {
            _ = new Reader("mmi2x2_ideal", s, path, bag, Known["mmi2x2_ideal"]);
            return ("beam_splitter", [new(Key("coupling", s?.Mark ?? SourceMark.None), NetlistImport.Number(0.5, s?.Mark ?? SourceMark.None))]);
        }),
        ["mmi1x2"] = new("mmi1x2", Splitter, (s, path, bag, grid) =>
        {
            // thru = 10^(−|loss_dB|/20)·g(λ)/max over the grid of g, /√2 on both outputs (mmis.py, _mmi_amp).
            var r = new Reader("mmi1x2", s, path, bag, Known["mmi1x2"]);
            var center = r.Number("center_nm", "wl0", 1.55, x => x * 1e3);
            List<KeyValuePair<ScalarNode, Node>> mapped = [center, r.Number("fwhm_nm", "fwhm", 0.2, x => x * 1e3), r.Number("loss_db", "loss_dB", 0.3, Math.Abs)];
            if (Reference("reference_nm", center, grid, s) is { } reference) mapped.Add(reference);
            return ("mmi1x2_gaussian", mapped);
        }),
        ["mmi2x2"] = new("mmi2x2", Mmi2x2, (s, path, bag, grid) =>
        {
            // thru = a(loss_dB_thru)·√splitting_ratio_thru·g(λ; wl0), cross = i·a(loss_dB_cross)·√splitting_ratio_cross·g(λ; wl0 + shift),
            // each g normalised to its largest value over the grid (mmis.py). SAX takes loss_dB_cross "or" loss_dB: None and 0 both
            // mean loss_dB.
            var r = new Reader("mmi2x2", s, path, bag, Known["mmi2x2"]);
            var center = r.Number("center_nm", "wl0", 1.55, x => x * 1e3);
            double? wl0 = Value(s, "wl0", 1.55), shift = Value(s, "shift", 0);
            var crossCenter = wl0 is double w && shift is double d
                ? new KeyValuePair<ScalarNode, Node>(Key("cross_center_nm", (s?.KeyNode("shift") ?? s?.KeyNode("wl0"))?.Mark ?? s?.Mark ?? SourceMark.None), NetlistImport.Number((w + d) * 1e3, s?.Mark ?? SourceMark.None))
                : r.Number("cross_center_nm", "shift", 0);
            List<KeyValuePair<ScalarNode, Node>> mapped = [center, r.Number("fwhm_nm", "fwhm", 0.2, x => x * 1e3), r.Number("loss_db", "loss_dB", 0.3, Math.Abs),
                r.Number("through_fraction", "splitting_ratio_thru", 0.5), crossCenter, r.Number("cross_fraction", "splitting_ratio_cross", 0.5)];
            bool Given(string saxKey) => s?[saxKey] is ScalarNode { IsNull: false } v && !(v.TryGetNumber(out double x) && x == 0);
            if (Given("loss_dB_thru"))
            {
                mapped.RemoveAll(e => e.Key.Value == "loss_db");
                mapped.Add(r.Number("loss_db", "loss_dB_thru", 0, Math.Abs));
            }
            mapped.Add(Given("loss_dB_cross") ? r.Number("cross_loss_db", "loss_dB_cross", 0, Math.Abs) : r.Number("cross_loss_db", "loss_dB", 0.3, Math.Abs));
            if (Reference("reference_nm", center, grid, s) is { } reference) mapped.Add(reference);
            if (Reference("cross_reference_nm", crossCenter, grid, s) is { } crossReference) mapped.Add(crossReference);
            return ("mmi2x2_gaussian", mapped);
        }),
        ["crossing_ideal"] = new("crossing_ideal", Coupler, (s, path, bag, grid) =>
        {
            _ = new Reader("crossing_ideal", s, path, bag, Known["crossing_ideal"]);
            var mark = s?.Mark ?? SourceMark.None;
            // S(out1, in0) = S(out0, in1) = 1: in0 crosses to out1, in1 to out0.
            return ("unitary", [new(Key("matrix_re", mark), Matrix(mark, 0, 1, 1, 0)), new(Key("matrix_im", mark), Matrix(mark, 0, 0, 0, 0))]);
        }),
        ["grating_coupler"] = new("grating_coupler", Grating, (s, path, bag, grid) =>
        {
            // SAX: T = 10^(−loss/20)·exp(−(λ − wl0)²/(4σ²)), σ = bandwidth/(2√(2 ln 2)), i.e. T² = 10^(−loss/10)·exp(−4 ln2 (λ − wl0)²/bandwidth²),
            // PhotonicKit's grating_coupler; reflections are SAX's real amplitudes, PhotonicKit's i·10^(back_reflection_db/20) at both
            // ports, so only SAX's default of none is the same.
            var r = new Reader("grating_coupler", s, path, bag, Known["grating_coupler"]);
            foreach (var key in new[] { "reflection", "reflection_fiber" })
                if (s?[key] is ScalarNode v && !(v.TryGetNumber(out double x) && x == 0))
                    bag.Error(v.Mark, path + ".settings." + key, $"SAX's grating_coupler with {key} = {v.Value} has no PhotonicKit equivalent: SAX reflects with real amplitudes, 'reflection' at the waveguide and 'reflection_fiber' at the fiber, PhotonicKit's grating_coupler with i·10^(back_reflection_db/20) at both; only {key} = 0 (SAX's default) is read");
            var mark = s?.Mark ?? SourceMark.None;
            // 10^(−7000/20) underflows to exactly 0 in double precision: no reflection, as SAX's default.
            return ("grating_coupler", [r.Number("peak_efficiency", "loss", 0, x => Math.Pow(10, -x / 10)), r.Number("center_nm", "wl0", 1.55, x => x * 1e3),
                r.Number("bandwidth_3db_nm", "bandwidth", 0.04, x => x * 1e3), new(Key("back_reflection_db", mark), NetlistImport.Number(-7000, mark))]);
        }),
        ["splitter_ideal"] = new("splitter_ideal", Splitter, (s, path, bag, grid) =>
        {
            // SAX: in0 → out0 √(1 − coupling), in0 → out1 √coupling, real: the first column of a 2 × 2 unitary whose second input is
            // terminated (sax_splitter_ideal).
            _ = new Reader("splitter_ideal", s, path, bag, Known["splitter_ideal"]);
            var mark = s?.Mark ?? SourceMark.None;
            double coupling = 0.5;
            if (s?["coupling"] is { } given)
            {
                if (given is not ScalarNode c || !c.TryGetNumber(out coupling) || !(coupling >= 0 && coupling <= 1))
                {
                    bag.Error(given.Mark, path + ".settings.coupling", $"SAX's splitter_ideal needs coupling in [0, 1] (a power fraction), got {NetlistLoader.Describe(given)}");
                    return (SplitterModel, []);
                }
                mark = given.Mark;
            }
            return (SplitterModel, [new(Key("matrix_re", mark), Matrix(mark, Math.Sqrt(1 - coupling), 0, Math.Sqrt(coupling), 0)), new(Key("matrix_im", mark), Matrix(mark, 0, 0, 0, 0))]);
        }),
        ["terminator"] = new("terminator", OnePort, (s, path, bag, grid) =>
        {
            // SAX: S(o1, o1) = √reflection, PhotonicKit's terminator.
            var r = new Reader("terminator", s, path, bag, Known["terminator"]);
            return ("terminator", [r.Number("reflectivity", "reflection", 0)]);
        }),
        ["isolator"] = new("isolator", IsolatorPorts, (s, path, bag, grid) =>
        {
            // SAX: o1 → o2 10^(−insertion_loss_dB/20), o2 → o1 10^(−isolation_dB/20) (isolators.py), PhotonicKit's isolator.
            var r = new Reader("isolator", s, path, bag, Known["isolator"]);
            return ("isolator", [r.Number("insertion_loss_db", "insertion_loss_dB", 0), r.Number("isolation_db", "isolation_dB", 40)]);
        }),
        ["reflector"] = new("reflector", TwoPort, (s, path, bag, grid) => Reflector("reflector", s, path, bag, 0.5)),
        ["mirror"] = new("mirror", TwoPort, (s, path, bag, grid) => Reflector("mirror", s, path, bag, 1)),
    };

    /// <summary>The sub-circuit of a SAX phase_shifter: a waveguide with n_g = n_eff, then a fixed phase.</summary>
    public static MappingNode PhaseShifterBody(SourceMark mark)
    {
        static KeyValuePair<ScalarNode, Node> E(string k, Node v, SourceMark m) => NetlistImport.Entry(k, v, m);
        ScalarNode T(string v) => new() { Mark = mark, Value = v };
        return NetlistImport.Map(mark,
            E("instances", NetlistImport.Map(mark, E("wg", T("waveguide"), mark), E("ps", T("phase_shifter"), mark)), mark),
            E("connections", NetlistImport.Map(mark, E("wg,o2", NetlistImport.Text("ps,o1", mark), mark)), mark),
            E("ports", NetlistImport.Map(mark, E("o1", NetlistImport.Text("wg,o1", mark), mark), E("o2", NetlistImport.Text("ps,o2", mark), mark)), mark));
    }

    private static (string, List<KeyValuePair<ScalarNode, Node>>) Straight(string model, MappingNode? s, string path, DiagnosticBag bag, double loss)
    {
        // n_eff(λ) = neff − (λ − λ0)(ng − neff)/λ0, amplitude 10^(−loss_dB_cm·L[cm]/20): PhotonicKit's waveguide.
        var r = new Reader(model, s, path, bag, Known[model]);
        return ("waveguide", [r.Number("length_um", "length", 10), r.Number("n_eff", "neff", 2.34), r.Number("n_g", "ng", 3.4),
            r.Number("wavelength0_nm", "wl0", 1.55, x => x * 1e3), r.Number("loss_db_per_cm", "loss_dB_cm", loss)]);
    }

    /// <summary>SAX's reflector (and mirror): a·[[√R, √(1−R)], [√(1−R), √R]] with real amplitudes, a = 10^(−loss_dB/20). At R = 1
    /// PhotonicKit's mirror of reflectivity 1 (a·I), at R = 0 an attenuator; in between an error.</summary>
    private static (string, List<KeyValuePair<ScalarNode, Node>>) Reflector(string model, MappingNode? s, string path, DiagnosticBag bag, double fallback)
    {
        var r = new Reader(model, s, path, bag, Known[model]);
        var loss = r.Number("loss_db", "loss_dB", 0);
        double? reflection = Value(s, "reflection", fallback);
        if (reflection == 0) return ("attenuator", [loss]);
        if (reflection == 1 || reflection is null) return ("mirror", [r.Number("reflectivity", "reflection", fallback), loss]);
        double rr = reflection.Value;
        var c = CultureInfo.InvariantCulture;
        string gain = rr is > 0 and < 1 ? $"; its largest singular value is a·(√R + √(1 − R)) = a·{(Math.Sqrt(rr) + Math.Sqrt(1 - rr)).ToString("G4", c)}, gain unless loss_dB makes a small enough" : "";
        var mark = (s?["reflection"] ?? (Node?)s)?.Mark ?? SourceMark.None;
        bag.Error(mark, path + ".settings.reflection",
            $"SAX's {model} with reflection = {rr.ToString("R", c)} has no PhotonicKit equivalent: it reflects √R and transmits √(1 − R) with real amplitudes at both ports{gain}, phases no built-in has (PhotonicKit's mirror transmits i·√(1 − R)); only reflection 0 (an attenuator) and 1 (a mirror) are read");
        return ("mirror", []);
    }

    private static SequenceNode Matrix(SourceMark mark, double a, double b, double c, double d) => new()
    {
        Mark = mark,
        Items = [new SequenceNode { Mark = mark, Items = [NetlistImport.Number(a, mark), NetlistImport.Number(b, mark)] },
            new SequenceNode { Mark = mark, Items = [NetlistImport.Number(c, mark), NetlistImport.Number(d, mark)] }],
    };

    /// <summary>The sub-circuit of a SAX splitter_ideal: a 2 × 2 unitary (its matrix from the instance) with in1 terminated.</summary>
    public static MappingNode SplitterBody(SourceMark mark)
    {
        static KeyValuePair<ScalarNode, Node> E(string k, Node v, SourceMark m) => NetlistImport.Entry(k, v, m);
        ScalarNode T(string v) => new() { Mark = mark, Value = v };
        return NetlistImport.Map(mark,
            E("instances", NetlistImport.Map(mark, E("u", T("unitary"), mark), E("t", T("terminator"), mark)), mark),
            E("connections", NetlistImport.Map(mark, E("u,in1", NetlistImport.Text("t,o1", mark), mark)), mark),
            E("ports", NetlistImport.Map(mark, E("in0", NetlistImport.Text("u,in0", mark), mark), E("out0", NetlistImport.Text("u,out0", mark), mark),
                E("out1", NetlistImport.Text("u,out1", mark), mark)), mark));
    }

    /// <summary>The grid's wavelength nearest the response's centre in frequency, where SAX's normalised response is 1; none
    /// when the centre is not a number (its own error names it) or there is no grid.</summary>
    private static KeyValuePair<ScalarNode, Node>? Reference(string key, KeyValuePair<ScalarNode, Node> center, double[] grid, MappingNode? s)
    {
        if (grid.Length == 0 || center.Value is not ScalarNode c || !c.TryGetNumber(out double centerNm) || !(centerNm > 0)) return null;
        var mark = s?.Mark ?? SourceMark.None;
        return new(Key(key, mark), NetlistImport.Number(Components.Passive.GaussianMmiResponse.NearestInFrequency(centerNm, grid), mark));
    }

    /// <summary>A SAX setting's number, its default when not given, null when it is not a number.</summary>
    private static double? Value(MappingNode? s, string key, double fallback) =>
        s?[key] switch
        {
            null => fallback,
            ScalarNode v when v.TryGetNumber(out double x) => x,
            _ => null,
        };

    private static ScalarNode Key(string key, SourceMark mark) => new() { Mark = mark, Value = key };

    /// <summary>Reads a SAX instance's settings: known keys with defaults and units converted, unknown keys warned.</summary>
    private sealed class Reader
    {
        private readonly MappingNode? _settings;
        private readonly SourceMark _mark;

        public Reader(string model, MappingNode? settings, string path, DiagnosticBag bag, string[] known)
        {
            _settings = settings;
            _mark = settings?.Mark ?? SourceMark.None;
            if (settings is null) return;
            foreach (var (key, _) in settings.Entries)
            {
                if (known.Contains(key.Value)) continue;
                string why = key.Value == "wl" ? "the wavelengths come from --wavelength-nm or --sweep" : $"SAX's '{model}' model does not take it and ignores it too (it takes {(known.Length == 0 ? "no settings" : string.Join(", ", known))})";
                bag.Warning(key.Mark, path + ".settings." + key.Value, $"ignored: {why}");
            }
        }

        /// <summary>The PhotonicKit setting from SAX's key (converted), or SAX's default when not given. A value that is not a
        /// number is passed on unchanged, so that the component's own check names it at its line.</summary>
        public KeyValuePair<ScalarNode, Node> Number(string key, string saxKey, double fallback, Func<double, double>? convert = null)
        {
            convert ??= x => x;
            var node = _settings?[saxKey];
            var keyNode = _settings?.KeyNode(saxKey);
            if (node is ScalarNode s && s.TryGetNumber(out double value))
                return new(new ScalarNode { Mark = keyNode!.Mark, Value = key }, NetlistImport.Number(convert(value), s.Mark));
            if (node is not null) return new(new ScalarNode { Mark = keyNode!.Mark, Value = key }, node);
            return new(Key(key, _mark), NetlistImport.Number(convert(fallback), _mark));
        }

        public KeyValuePair<ScalarNode, Node> Constant(string key, double value) => new(Key(key, _mark), NetlistImport.Number(value, _mark));
    }
}
