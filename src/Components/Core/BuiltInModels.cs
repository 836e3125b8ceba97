using PhotonicKit.Components.Detection;
using PhotonicKit.Components.Passive;
using PhotonicKit.Components.Sources;

namespace PhotonicKit.Components;

/// <summary>The list of built-in models, in the order of the netlist specification's table.</summary>
internal static class BuiltInModels
{
    public static IEnumerable<ComponentModel> All() =>
    [
        new WaveguideModel(),
        new DelayLineModel(),
        new PhaseShifterModel(),
        new AttenuatorModel(),
        new BeamSplitterModel(),
        new DirectionalCouplerModel(),
        new DispersiveCouplerModel(),
        new Mmi1x2Model(),
        new Mmi2x2Model(),
        new Mmi1x2GaussianModel(),
        new Mmi2x2GaussianModel(),
        new CrossingModel(),
        new MirrorModel(),
        new GratingCouplerModel(),
        new TerminatorModel(),
        new IsolatorModel(),
        new RingAllPassModel(),
        new RingAddDropModel(),
        new UnitaryModel(),
        new SParametersModel(),
        new TimeDemuxModel(),
        new QuantumDotModel(),
        new CavitySourceModel(),
        new DetectorModel(),
    ];
}
