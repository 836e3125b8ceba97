namespace PhotonicKit.Components.Sources;

/// <summary>A bound emitter component: its physical description and per-pulse figures for the analyses.</summary>
public interface IEmitterComponent
{
    /// <summary>The validated physical description.</summary>
    EmitterDescription Emitter { get; }

    /// <summary>
    /// Per-pulse figures. For resonant and phonon-assisted excitation (without a preparation_efficiency
    /// override) they are computed on first access with the master-equation solver, which may throw
    /// <see cref="ComponentSettingsException"/> when a measured override contradicts the solved preparation.
    /// </summary>
    SourceFigures Figures { get; }
}

/// <summary>Shared binding of the two emitter components.</summary>
public abstract class EmitterModel : ComponentModel
{
    private readonly Func<double, double, double, ExcitationFigures> _resonantSolver;
    private readonly SettingSpec[] _specs;

    /// <summary>Creates the model with the given resonant-excitation solver.</summary>
    private protected EmitterModel(bool cavitySource, Func<double, double, double, ExcitationFigures>? resonantSolver)
    {
        IsCavitySource = cavitySource;
        _specs = EmitterSettings.Specs(cavitySource);
        _resonantSolver = resonantSolver ?? ResonantExcitation.Solve;
    }

    private protected bool IsCavitySource { get; }

    /// <inheritdoc/>
    public override IReadOnlyList<SettingSpec> Settings => _specs;

    /// <inheritdoc/>
    protected override BoundComponent BindCore(SettingsReader settings, ComponentContext context)
    {
        var emitter = EmitterSettings.Read(settings, context, IsCavitySource);
        settings.ThrowIfErrors();
        var bound = new Bound(this, emitter, _resonantSolver);
        // Everything that needs no master-equation solve is checked now, so errors surface at binding.
        if (!SourceFigureCalculator.NeedsResonantSolver(emitter))
            _ = bound.Figures;
        return bound;
    }

    private protected abstract void FillScattering(EmitterDescription emitter, SMatrixSweep destination);

    private sealed class Bound : BoundComponent, IEmitterComponent
    {
        private readonly Lazy<SourceFigures> _figures;
        private readonly EmitterModel _model;

        public Bound(EmitterModel model, EmitterDescription emitter, Func<double, double, double, ExcitationFigures> solver)
            : base(model, model.FixedPorts!)
        {
            _model = model;
            Emitter = emitter;
            _figures = new Lazy<SourceFigures>(() => SourceFigureCalculator.Compute(emitter, Ports, solver), LazyThreadSafetyMode.ExecutionAndPublication);
        }

        public EmitterDescription Emitter { get; }

        public SourceFigures Figures => _figures.Value;

        protected override void Fill(SMatrixSweep destination) => _model.FillScattering(Emitter, destination);
    }
}

/// <summary>
/// <c>quantum_dot</c>: an emitter in a waveguide, ports (left, right). Not listed as a source it is a linear
/// scatterer with the weak-drive coherent S-matrix [[r, t_RL], [t_LR, r]]
/// (<see cref="WeakDriveScattering"/>, spectral diffusion averaged into ⟨1/D⟩); passive for all settings,
/// reciprocal only for beta_right_fraction = 0.5. As a source it emits √f·right + √(1−f)·left.
/// </summary>
public sealed class QuantumDotModel : EmitterModel
{
    /// <summary>Creates the model with the master-equation solver of <see cref="ResonantExcitation"/>.</summary>
    public QuantumDotModel() : base(cavitySource: false, null) { }

    /// <summary>Creates the model with another resonant-excitation solver (lifetime_ps, pure_dephasing_per_ns, pulse_fwhm_ps).</summary>
    internal QuantumDotModel(Func<double, double, double, ExcitationFigures> resonantSolver) : base(cavitySource: false, resonantSolver) { }

    /// <inheritdoc/>
    public override string Name => "quantum_dot";

    /// <inheritdoc/>
    public override string Summary => "quantum-dot emitter in a waveguide: a single-photon source, or a weak-drive coherent scatterer";

    /// <inheritdoc/>
    public override IReadOnlyList<string>? FixedPorts { get; } = ["left", "right"];

    /// <inheritdoc/>
    public override ComponentTraits Traits { get; } = new(Passive: true, Reciprocal: false, LosslessWithoutLoss: false);

    private protected override void FillScattering(EmitterDescription emitter, SMatrixSweep s)
    {
        if (!emitter.HasTemporalShape)
            // Keyed by the model's name, which the circuit's evaluation replaces with the instance's.
            throw new ComponentSettingsException([new SettingError(Name, "lifetime_ps is required where this quantum_dot is not a source of the analysis: as a scatterer its response D = Γ + 2γ* − 2iΔ needs the linewidth, which measured brightness, g2 and indistinguishability do not give")]);
        for (int k = 0; k < s.WavelengthCount; k++)
        {
            var c = emitter.ScatteringAt(s.WavelengthsNm[k]);
            s.Set(k, 0, 0, c.Reflection);
            s.Set(k, 1, 1, c.Reflection);
            s.Set(k, 1, 0, c.LeftToRight);
            s.Set(k, 0, 1, c.RightToLeft);
        }
    }
}

/// <summary>
/// <c>cavity_source</c>: an emitter in a micropillar or open cavity, one port <c>out</c>. In classical analyses a
/// matched termination (S = 0); as a source it emits into <c>out</c> with the extraction efficiency.
/// </summary>
public sealed class CavitySourceModel : EmitterModel
{
    /// <summary>Creates the model with the master-equation solver of <see cref="ResonantExcitation"/>.</summary>
    public CavitySourceModel() : base(cavitySource: true, null) { }

    /// <summary>Creates the model with another resonant-excitation solver (lifetime_ps, pure_dephasing_per_ns, pulse_fwhm_ps).</summary>
    internal CavitySourceModel(Func<double, double, double, ExcitationFigures> resonantSolver) : base(cavitySource: true, resonantSolver) { }

    /// <inheritdoc/>
    public override string Name => "cavity_source";

    /// <inheritdoc/>
    public override string Summary => "quantum-dot emitter in a micropillar or open cavity: a single-photon source; a matched termination otherwise";

    /// <inheritdoc/>
    public override IReadOnlyList<string>? FixedPorts { get; } = ["out"];

    /// <inheritdoc/>
    public override ComponentTraits Traits { get; } = new(Passive: true, Reciprocal: true, LosslessWithoutLoss: false);

    private protected override void FillScattering(EmitterDescription emitter, SMatrixSweep s)
    {
        // A matched termination: S = 0, which the destination already holds.
    }
}
