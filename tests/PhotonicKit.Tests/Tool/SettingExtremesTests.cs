using System.Collections.Concurrent;
using System.Globalization;
using PhotonicKit.Circuit.Analyses;
using PhotonicKit.Circuit.Diagnostics;
using PhotonicKit.Circuit.Running;
using PhotonicKit.Components;

namespace PhotonicKit.Tests.Tool;

/// <summary>
/// Exit codes are exact: every numeric setting of every built-in component, at the edges of its declared range
/// and at the largest and smallest doubles inside it, either runs (finite results) or is an input error naming a
/// key — never an internal failure. Ranges are derived from what the physics can compute, so a value that passes
/// the range check must be computable or be refused by a check that names the setting.
/// </summary>
public class SettingExtremesTests
{
    /// <summary>Values inside [min, max] that stress the arithmetic: the ends, the doubles next to them, and the
    /// largest and smallest magnitudes.</summary>
    internal static IEnumerable<double> ExtremeValues(SettingSpec spec)
    {
        var candidates = new List<double> { double.MaxValue, 1e308, 1e300, 1e150, 1e-150, 1e-300, double.Epsilon, 0, -1e-300, -1e308, -double.MaxValue };
        if (double.IsFinite(spec.Min)) candidates.AddRange([spec.Min, Math.BitIncrement(spec.Min)]);
        if (double.IsFinite(spec.Max)) candidates.AddRange([spec.Max, Math.BitDecrement(spec.Max)]);
        foreach (double v in candidates.Distinct())
        {
            if (spec.Kind == SettingKind.Integer && v != Math.Floor(v)) continue;
            if (spec.InRange(v)) yield return v;
        }
    }

    private static readonly Dictionary<string, string> RequiredSettings = new()
    {
        ["waveguide"] = "length_um: 50",
        ["delay_line"] = "delay_ps: 1",
        ["phase_shifter"] = "phase_rad: 0.3",
        ["attenuator"] = "loss_db: 3",
        ["directional_coupler"] = "coupling: 0.5",
        ["mirror"] = "reflectivity: 0.5",
        ["ring_all_pass"] = "length_um: 50, coupling: 0.1",
        ["ring_add_drop"] = "length_um: 50, coupling: 0.1",
        ["time_demux"] = "channels: 2",
    };

    private const string Dot = "lifetime_ps: 200, beta: 0.9, beta_right_fraction: 1, repetition_rate_mhz: 80";

    /// <summary>A netlist that exercises <paramref name="component"/> with <paramref name="settings"/>: a passive
    /// component with every port exported and the classical analyses; a source or detector in a two-source
    /// HOM circuit with every photon analysis.</summary>
    internal static string Netlist(ComponentModel model, string settings, bool photons = false)
    {
        string component = model.Name;
        if (photons)
        {
            // A two-port passive component between a dot and the splitter of a HOM circuit (one dot through a
            // demux, so the photon layer evaluates it pulse by pulse); for a quantum_dot, the dot itself.
            bool dot = component == "quantum_dot";
            string given = dot ? "length_um: 10" : Merge(RequiredSettings.GetValueOrDefault(component, ""), settings);
            string dotSettings = dot ? Merge(Dot, settings) : Dot;
            component = dot ? "waveguide" : component;
            return $$$"""
                photonickit: 1
                wavelength_nm: 930
                instances:
                  qd: {component: quantum_dot, settings: {{{{dotSettings}}}}}
                  demux: {component: time_demux, settings: {channels: 2}}
                  x: {component: {{{component}}}, settings: {{{{given}}}}}
                  bs: beam_splitter
                  d0: detector
                  d1: detector
                connections:
                  "qd,right": "demux,in"
                  "demux,out0": "x,o1"
                  "x,o2": "bs,in0"
                  "demux,out1": "bs,in1"
                  "bs,out0": "d0,in"
                  "bs,out1": "d1,in"
                analyses:
                  - {type: hom, sources: [qd], detectors: [d0, d1]}
                  - {type: efficiency, source: qd, detectors: [d0, d1]}
                """;
        }
        if (component is "quantum_dot" or "cavity_source" or "detector")
        {
            string qa = component == "quantum_dot" ? $"{{component: quantum_dot, settings: {{{Merge(Dot, settings)}}}}}" : $"{{component: quantum_dot, settings: {{{Dot}}}}}";
            string source = component == "cavity_source" ? $"{{component: cavity_source, settings: {{{Merge("lifetime_ps: 200, beta: 0.9, repetition_rate_mhz: 80", settings)}}}}}" : $"{{component: quantum_dot, settings: {{{Dot}}}}}";
            string detector = component == "detector" ? $"{{component: detector, settings: {{{Merge("efficiency: 0.9", settings)}}}}}" : "{component: detector, settings: {efficiency: 0.9}}";
            string sourcePort = component == "cavity_source" ? "out" : "right";
            return $$"""
                photonickit: 1
                wavelength_nm: 930
                instances:
                  qa: {{qa}}
                  qb: {{source}}
                  bs: beam_splitter
                  d0: {{detector}}
                  d1: {{detector}}
                connections:
                  "qa,right": "bs,in0"
                  "qb,{{sourcePort}}": "bs,in1"
                  "bs,out0": "d0,in"
                  "bs,out1": "d1,in"
                ports: {l: "qa,left"}
                analyses:
                  - {type: transmission}
                  - {type: source, source: qb}
                  - {type: efficiency, source: qb, detectors: [d0, d1]}
                  - {type: g2, source: qb, detectors: [d0, d1]}
                  - {type: hom, sources: [qa, qb], detectors: [d0, d1]}
                  - {type: photon_statistics, sources: [qa, qb], detectors: [d0, d1], marginals: true, samples: 3}
                  - {type: figures, source: qb, detectors: [d0, d1]}
                """;
        }
        string all = Merge(RequiredSettings.GetValueOrDefault(component, ""), settings);
        var bound = PortsOf(model, all);
        string ports = string.Join(", ", bound.Ports.Select(p => $"{p}: \"x,{p}\""));
        return $$$"""
            photonickit: 1
            wavelength_nm: 1550
            instances:
              x: {component: {{{component}}}, settings: {{{{all}}}}}
            ports: {{{{ports}}}}
            analyses:
              - {type: transmission, sweep: {start_nm: 1549, stop_nm: 1551, points: 3}}
              - {type: smatrix}
            """;
    }

    /// <summary>The component bound with its required settings (and the given <c>channels</c>, which set the
    /// ports of a time_demux), to list its ports.</summary>
    private static BoundComponent PortsOf(ComponentModel model, string settings)
    {
        var values = new Dictionary<string, SettingValue>();
        foreach (var item in settings.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int colon = item.IndexOf(':');
            string key = item[..colon].Trim();
            if (RequiredSettings.GetValueOrDefault(model.Name, "").Contains(key + ":", StringComparison.Ordinal))
                values[key] = double.Parse(item[(colon + 1)..], CultureInfo.InvariantCulture);
        }
        try
        {
            return model.Bind(values, new ComponentContext(1550));
        }
        catch (ComponentSettingsException)
        {
            var required = RequiredSettings.GetValueOrDefault(model.Name, "").Split(',', StringSplitOptions.RemoveEmptyEntries)
                .ToDictionary(p => p.Split(':')[0].Trim(), p => (SettingValue)double.Parse(p.Split(':')[1], CultureInfo.InvariantCulture));
            return model.Bind(required, new ComponentContext(1550));
        }
    }

    private static string Merge(string baseline, string extra)
    {
        var pairs = new List<(string Key, string Value)>();
        foreach (var item in (baseline + ", " + extra).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int colon = item.IndexOf(':');
            string key = item[..colon].Trim(), value = item[(colon + 1)..].Trim();
            int at = pairs.FindIndex(p => p.Key == key);
            if (at >= 0) pairs[at] = (key, value);
            else pairs.Add((key, value));
        }
        return string.Join(", ", pairs.Select(p => $"{p.Key}: {p.Value}"));
    }

    /// <summary>Companion settings that switch on the physics a setting feeds (the phonon model for its
    /// parameters, a pulsed excitation for the pulse, …).</summary>
    private static IEnumerable<string> Contexts(string component, string setting) => (component, setting) switch
    {
        ("quantum_dot" or "cavity_source", "phonon_alpha_ps2" or "phonon_cutoff_per_ps") => ["temperature_k: 4"],
        ("quantum_dot" or "cavity_source", "temperature_k") => ["", "phonon_cutoff_per_ps: 1e-300", "phonon_alpha_ps2: 1e-300"],
        ("quantum_dot" or "cavity_source", "pulse_fwhm_ps") => ["excitation: resonant", "excitation: two_photon", "excitation: phonon_assisted"],
        ("quantum_dot" or "cavity_source", "relaxation_ps") => ["excitation: above_band"],
        ("quantum_dot" or "cavity_source", "biexciton_binding_mev" or "biexciton_lifetime_ps" or "fine_structure_splitting_uev") => ["excitation: two_photon, pulse_fwhm_ps: 5"],
        ("quantum_dot" or "cavity_source", "pure_dephasing_per_ns" or "spectral_diffusion_ghz") => ["", "lifetime_ps: 1e-300", "lifetime_ps: 1e300"],
        ("quantum_dot" or "cavity_source", "lifetime_ps") => ["", "pure_dephasing_per_ns: 1e300", "spectral_diffusion_ghz: 1e300"],
        ("quantum_dot" or "cavity_source", "wavelength_nm") => ["", "spectral_diffusion_ghz: 1"],
        ("quantum_dot" or "cavity_source", "q_factor" or "mode_volume_cubic_lambda_over_n" or "cavity_wavelength_nm" or "dipole_alignment")
            => ["lifetime_ps: 1e-300, beta: 1e-300, bulk_lifetime_ps: 1000, q_factor: 1000, mode_volume_cubic_lambda_over_n: 1"],
        ("quantum_dot", "group_index" or "effective_area_um2" or "radiative_background")
            => ["lifetime_ps: 1e-300, beta: 1e-300, bulk_lifetime_ps: 1000, group_index: 10, effective_area_um2: 0.1, radiative_background: 0.1"],
        ("detector", "max_photons") => ["resolution: pnr"],
        _ => [""],
    };

    /// <summary>Every (component, setting, value, companion settings) case.</summary>
    internal static IEnumerable<(ComponentModel Model, string Settings, bool Photons)> Cases()
    {
        foreach (var model in ComponentRegistry.BuiltIn.All)
            foreach (var spec in model.Settings.Where(s => s.Kind is SettingKind.Number or SettingKind.Integer))
                foreach (string context in Contexts(model.Name, spec.Name))
                    foreach (double v in ExtremeValues(spec))
                    {
                        string value = v.ToString("R", CultureInfo.InvariantCulture);
                        string settings = context.Length == 0 ? $"{spec.Name}: {value}" : Merge(context, $"{spec.Name}: {value}");
                        // Companions that conflict with the swept key are dropped (lifetime_ps with bulk_lifetime_ps …).
                        settings = string.Join(", ", settings.Split(", ").Where(p => !(p.StartsWith("lifetime_ps: 1e-300", StringComparison.Ordinal) && spec.Name == "lifetime_ps")));
                        yield return (model, settings, false);
                        if (model.FixedPorts is ["o1", "o2"] || model.Name == "quantum_dot") yield return (model, settings, true);
                    }
    }

    /// <summary>Runs one case: null when it ran with finite results or was refused with a keyed error; otherwise
    /// what went wrong. <paramref name="ran"/> tells whether it ran to results.</summary>
    internal static string? Check(ComponentModel model, string settings, bool photons, out bool ran)
    {
        ran = false;
        string netlist = Netlist(model, settings, photons);
        try
        {
            string json = NetlistRunner.Run(netlist, "extreme.yaml").ToJson();
            if (json.Contains("NaN", StringComparison.Ordinal) || json.Contains("Infinity", StringComparison.Ordinal))
                return "non-finite number in the results";
            ran = true;
            return null;
        }
        catch (NetlistException e)
        {
            return e.Diagnostics.Any(d => d.Severity == Severity.Error && d.Key.Length > 0) ? null : "an error without a key: " + e.Message;
        }
        catch (AnalysisException e)
        {
            return e.KeyPath.Length > 0 ? null : "an analysis error without a key: " + e.Message;
        }
        catch (Exception e)
        {
            return $"internal error: {e.GetType().Name}: {e.Message.Split('\n')[0]}";
        }
    }

    [Fact]
    public void EverySettingInsideItsRangeRunsOrIsAKeyedInputError()
    {
        var failures = new ConcurrentBag<string>();
        var cases = Cases().ToList();
        Assert.True(cases.Count > 800, $"only {cases.Count} cases");
        int ran = 0;
        Parallel.ForEach(cases, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, c =>
        {
            if (Check(c.Model, c.Settings, c.Photons, out bool computed) is { } problem) failures.Add($"{c.Model.Name} {{{c.Settings}}}{(c.Photons ? " (photons)" : "")}: {problem}");
            if (computed) Interlocked.Increment(ref ran);
        });
        Assert.True(failures.IsEmpty, $"{failures.Count} of {cases.Count} cases failed:\n" + string.Join("\n", failures.Order(StringComparer.Ordinal)));
        // Most extremes are computable: the check is not passing by refusing everything.
        Assert.True(ran > cases.Count / 2, $"only {ran} of {cases.Count} cases ran to results");
    }
}

/// <summary>The in-range settings of the original attack that overflowed inside: each is now an input error naming
/// the setting, through the whole tool, for run and validate alike.</summary>
public class InRangeOverflowTests
{
    private const string Dot = "lifetime_ps: 200, beta: 0.9, beta_right_fraction: 1, repetition_rate_mhz: 80";

    private static string Hom(string extra) => Hom(extra.Contains("lifetime_ps", StringComparison.Ordinal) ? Dot.Replace("lifetime_ps: 200, ", "", StringComparison.Ordinal) : Dot, extra);

    private static string Hom(string qa, string extra) => $$$"""
        photonickit: 1
        wavelength_nm: 930
        instances:
          qa: {component: quantum_dot, settings: {{{{qa}}}{{{extra}}}}}
          qb: {component: quantum_dot, settings: {{{{Dot}}}}}
          bs: beam_splitter
          d0: detector
          d1: detector
        connections:
          "qa,right": "bs,in0"
          "qb,right": "bs,in1"
          "bs,out0": "d0,in"
          "bs,out1": "d1,in"
        ports: {l: "qa,left", r: "qb,left"}
        analyses:
          - {type: source, source: qa}
          - {type: hom, sources: [qa, qb], detectors: [d0, d1]}
        """;

    [Theory]
    [InlineData(", pure_dephasing_per_ns: 1e308", "instances.qa.settings.pure_dephasing_per_ns: the emission line (Γ = 0.005 /ps, γ* = 1E+308 /ns, σ = 0 GHz) is sampled over ω0 ± (10Γ + 20γ* + 6·2πσ) = ±2E+306 rad/ps, beyond what 401 points hold in double precision (±2.25E+305 rad/ps)")]
    [InlineData(", spectral_diffusion_ghz: 1e308", "instances.qa.settings.spectral_diffusion_ghz: the emission line (Γ = 0.005 /ps, γ* = 0 /ns, σ = 1E+308 GHz) is sampled over")]
    [InlineData(", temperature_k: 4, phonon_cutoff_per_ps: 1e308", "instances.qa.settings.temperature_k: 4 K with phonon_cutoff_per_ps 1E+308 cannot be evaluated in double precision")]
    [InlineData(", temperature_k: 5e-324", "instances.qa.settings.temperature_k: 5E-324 K with phonon_cutoff_per_ps 2.2 cannot be evaluated in double precision")]
    [InlineData(", wavelength_nm: 5e-324", "instances.qa.settings.wavelength_nm: 5E-324 nm gives an optical angular frequency 2πc/λ")]
    [InlineData(", excitation: above_band, relaxation_ps: 5e-324", "instances.qa.settings.relaxation_ps: 5E-324 ps gives a relaxation rate 1/τ beyond double precision")]
    [InlineData(", lifetime_ps: 1e301", "instances.qa.settings.lifetime_ps: 1E+301 ps is out of range")]
    [InlineData(", preparation_efficiency: 1e-300", "instances.qa.settings.preparation_efficiency: 1E-300 is out of range")]
    public void InRangeSettingThatOverflowsInsideIsAnInputErrorNamingIt(string extra, string message)
    {
        using var h = new ToolHarness();
        string file = h.Write("q.yaml", Hom(extra));
        foreach (var args in new[] { new[] { "run", file, "--json", h.PathOf("out.json") }, new[] { "validate", file } })
        {
            var (code, _, err) = h.Run(args);
            Assert.True(code == 1, $"{args[0]}: exit {code}\n{err}");
            Assert.DoesNotContain("internal error", err);
            Assert.Matches(@"q\.yaml:4:\d+: error: ", err);
            Assert.Contains(message, err);
        }
        Assert.False(File.Exists(h.PathOf("out.json")));
    }

    [Theory]
    [InlineData(", pure_dephasing_per_ns: 1e300")]
    [InlineData(", spectral_diffusion_ghz: 1e300")]
    [InlineData(", lifetime_ps: 1e300")]
    [InlineData(", preparation_efficiency: 1e-150")]
    [InlineData(", temperature_k: 1e-300")]
    public void SettingsAtTheDerivedLimitsAreComputed(string extra)
    {
        using var h = new ToolHarness();
        var (code, _, err) = h.Run("run", h.Write("q.yaml", Hom(extra)), "--json", h.PathOf("out.json"));
        Assert.True(code == 0, err);
        Assert.DoesNotMatch(@"\bNaN\b|Infinity", File.ReadAllText(h.PathOf("out.json")));
    }
}

