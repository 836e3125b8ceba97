using System.Globalization;
using System.Numerics;

namespace PhotonicKit.Components.Passive;

/// <summary>
/// The spectral response of SAX's non-ideal MMIs (flaport/sax, <c>src/sax/models/mmis.py</c>, <c>_mmi_amp</c>, version
/// 0.17): a Gaussian in frequency f = 1/λ, g(λ) = exp(−(1/λ − 1/λc)²/(2σ²)), whose full width at half maximum is that of the
/// wavelengths λc ± w/2: σ = (1/(λc − w/2) − 1/(λc + w/2))/(2√(2 ln 2)). It is normalised to 1 at a reference wavelength λr:
/// the amplitude factor is g(λ)/g(λr), computed as one exponent, exp(−[(1/λ − 1/λc)² − (1/λr − 1/λc)²]/(2σ²)).
/// </summary>
/// <remarks>
/// SAX divides by the response's largest value over the wavelengths it evaluates, that is g at the evaluated wavelength
/// nearest λc in frequency: λr is that wavelength. With λr = λc the factor is at most 1 everywhere; at a wavelength nearer
/// the centre than λr it exceeds 1, which would be gain, and evaluation there is refused.
/// </remarks>
/// <param name="CenterNm">λc, nm.</param>
/// <param name="FwhmNm">w, nm (0 &lt; w &lt; 2λc).</param>
/// <param name="ReferenceNm">λr, nm.</param>
public readonly record struct GaussianMmiResponse(double CenterNm, double FwhmNm, double ReferenceNm)
{
    private double Sigma => (1 / (CenterNm - FwhmNm / 2) - 1 / (CenterNm + FwhmNm / 2)) / (2 * Math.Sqrt(2 * Math.Log(2)));

    /// <summary>g(λ)/g(λr).</summary>
    /// <param name="wavelengthNm">λ, nm.</param>
    public double Factor(double wavelengthNm)
    {
        double sigma = Sigma;
        double d = 1 / wavelengthNm - 1 / CenterNm, dr = 1 / ReferenceNm - 1 / CenterNm;
        return Math.Exp(-(d * d - dr * dr) / (2 * sigma * sigma));
    }

    /// <summary>The reference SAX uses on a grid: the wavelength of <paramref name="gridNm"/> nearest λc in frequency.</summary>
    /// <param name="centerNm">λc, nm.</param>
    /// <param name="gridNm">The evaluated wavelengths, nm (at least one).</param>
    public static double NearestInFrequency(double centerNm, ReadOnlySpan<double> gridNm)
    {
        double best = gridNm[0];
        foreach (double w in gridNm)
            if (Math.Abs(1 / w - 1 / centerNm) < Math.Abs(1 / best - 1 / centerNm)) best = w;
        return best;
    }

    /// <summary>Adds the settings errors of a response: w below 2λc so that λc − w/2 stays positive.</summary>
    internal static void Check(SettingsReader settings, string centerKey, double centerNm, string fwhmKey, double fwhmNm)
    {
        if (fwhmNm >= 2 * centerNm)
            settings.AddError($"{fwhmKey} and {centerKey}", $"{fwhmKey} = {fwhmNm.ToString("R", CultureInfo.InvariantCulture)} must be below 2·{centerKey} = {(2 * centerNm).ToString("R", CultureInfo.InvariantCulture)} nm (the Gaussian's width is that of λc ± w/2 in frequency)");
    }

    /// <summary>g(λ)/g(λr), refused (naming the model, the reference setting and λ) where it exceeds 1.</summary>
    internal double CheckedFactor(double wavelengthNm, string model, string referenceKey)
    {
        double f = Factor(wavelengthNm);
        if (f > 1 + 1e-12)
        {
            var c = CultureInfo.InvariantCulture;
            throw new ComponentSettingsException([new SettingError(model,
                $"the {model}'s Gaussian response at {wavelengthNm.ToString("R", c)} nm is {f.ToString("G6", c)} times its value at {referenceKey} = {ReferenceNm.ToString("R", c)} nm, " +
                $"which would be gain: {referenceKey} must be at least as near the centre {CenterNm.ToString("R", c)} nm (in frequency) as every evaluated wavelength")]);
        }
        return f;
    }
}

/// <summary>
/// SAX's non-ideal 1×2 MMI (<c>mmi1x2</c> of flaport/sax <c>src/sax/models/mmis.py</c>, version 0.17):
/// S(out0,in0) = S(out1,in0) = a·g(λ)/g(λr)/√2 (a = 10^(−loss_db/20), <see cref="GaussianMmiResponse"/>), the same from the
/// outputs back (S = Sᵀ); no reflection, no coupling between the outputs.
/// </summary>
/// <remarks>
/// Passive at every wavelength no nearer the centre than <c>reference_nm</c> (the antisymmetric output combination is
/// radiated, as in <see cref="Mmi1x2Model"/>); reciprocal; never unitary. Port order in0, out0, out1.
/// </remarks>
public sealed class Mmi1x2GaussianModel : ComponentModel
{
    private static readonly SettingSpec[] Specs =
    [
        new("center_nm", SettingKind.Number, "nm", "centre λc of the Gaussian response") { DefaultDescription = "file's wavelength", Min = 0, MinExclusive = true },
        new("fwhm_nm", SettingKind.Number, "nm", "full width at half maximum w of the response (as λc ± w/2 in frequency)") { Default = 200, Min = 0, MinExclusive = true },
        new("reference_nm", SettingKind.Number, "nm", "wavelength λr where the response is 1 (SAX: the evaluated wavelength nearest the centre)") { DefaultDescription = "center_nm", Min = 0, MinExclusive = true },
        CommonSettings.LossDb("insertion loss (power) at the reference wavelength"),
    ];

    /// <inheritdoc/>
    public override string Name => "mmi1x2_gaussian";

    /// <inheritdoc/>
    public override string Summary => "1×2 MMI splitter with a Gaussian spectral response (SAX's mmi1x2)";

    /// <inheritdoc/>
    public override IReadOnlyList<SettingSpec> Settings => Specs;

    /// <inheritdoc/>
    public override IReadOnlyList<string>? FixedPorts { get; } = ["in0", "out0", "out1"];

    /// <inheritdoc/>
    public override ComponentTraits Traits { get; } = new(Passive: true, Reciprocal: true, LosslessWithoutLoss: false);

    /// <inheritdoc/>
    protected override BoundComponent BindCore(SettingsReader settings, ComponentContext context)
    {
        double center = settings.Number("center_nm", context.FileWavelengthNm);
        double fwhm = settings.Number("fwhm_nm");
        double reference = settings.Number("reference_nm", center);
        double lossDb = settings.Number("loss_db");
        GaussianMmiResponse.Check(settings, "center_nm", center, "fwhm_nm", fwhm);
        settings.ThrowIfErrors();
        return new Bound(this, new GaussianMmiResponse(center, fwhm, reference), CommonSettings.AmplitudeFromLossDb(lossDb) / Math.Sqrt(2));
    }

    private sealed class Bound(Mmi1x2GaussianModel model, GaussianMmiResponse response, double split) : BoundComponent(model, model.FixedPorts!)
    {
        protected override void Fill(SMatrixSweep s)
        {
            for (int k = 0; k < s.WavelengthCount; k++)
            {
                double v = split * response.CheckedFactor(s.WavelengthsNm[k], Model.Name, "reference_nm");
                for (int output = 1; output <= 2; output++)
                {
                    s.Set(k, output, 0, v);
                    s.Set(k, 0, output, v);
                }
            }
        }
    }
}

/// <summary>
/// SAX's non-ideal 2×2 MMI (<c>mmi2x2</c> of flaport/sax <c>src/sax/models/mmis.py</c>, version 0.17) in PhotonicKit's
/// coupler convention: S(out0,in0) = S(out1,in1) = T(λ) = a_t·√through_fraction·g_t(λ)/g_t(λr,t) and
/// S(out1,in0) = S(out0,in1) = i·C(λ) = i·a_c·√cross_fraction·g_c(λ)/g_c(λr,c), reciprocal, no reflection; g_t and g_c are
/// <see cref="GaussianMmiResponse"/>s of the same width centred at <c>center_nm</c> and <c>cross_center_nm</c>.
/// </summary>
/// <remarks>
/// The input–output block B = [[T, iC], [iC, T]] has B†B = (T² + C²)·I, so the MMI is passive exactly when T² + C² ≤ 1:
/// binding refuses through_fraction + cross_fraction &gt; 1 (naming both), and evaluation refuses a wavelength nearer a
/// centre than its reference. Unitary only where T² + C² = 1, so not lossless in general. Port order in0, in1, out0, out1.
/// </remarks>
public sealed class Mmi2x2GaussianModel : ComponentModel
{
    private static readonly SettingSpec[] Specs =
    [
        new("center_nm", SettingKind.Number, "nm", "centre of the through paths' Gaussian response") { DefaultDescription = "file's wavelength", Min = 0, MinExclusive = true },
        new("fwhm_nm", SettingKind.Number, "nm", "full width at half maximum w of both responses (as centre ± w/2 in frequency)") { Default = 200, Min = 0, MinExclusive = true },
        new("reference_nm", SettingKind.Number, "nm", "wavelength where the through response is 1 (SAX: the evaluated wavelength nearest its centre)") { DefaultDescription = "center_nm", Min = 0, MinExclusive = true },
        new("loss_db", SettingKind.Number, "dB", "through paths' insertion loss (power) at their reference") { Default = 0, Min = 0 },
        new("through_fraction", SettingKind.Number, "", "power fraction of the through paths") { Default = 0.5, Min = 0, Max = 1 },
        new("cross_center_nm", SettingKind.Number, "nm", "centre of the cross paths' response (SAX: wl0 + shift)") { DefaultDescription = "center_nm", Min = 0, MinExclusive = true },
        new("cross_reference_nm", SettingKind.Number, "nm", "wavelength where the cross response is 1") { DefaultDescription = "cross_center_nm", Min = 0, MinExclusive = true },
        new("cross_loss_db", SettingKind.Number, "dB", "cross paths' insertion loss (power) at their reference") { DefaultDescription = "loss_db", Min = 0 },
        new("cross_fraction", SettingKind.Number, "", "power fraction of the cross paths") { Default = 0.5, Min = 0, Max = 1 },
    ];

    /// <inheritdoc/>
    public override string Name => "mmi2x2_gaussian";

    /// <inheritdoc/>
    public override string Summary => "2×2 MMI with Gaussian through and cross responses (SAX's mmi2x2)";

    /// <inheritdoc/>
    public override IReadOnlyList<SettingSpec> Settings => Specs;

    /// <inheritdoc/>
    public override IReadOnlyList<string>? FixedPorts { get; } = ["in0", "in1", "out0", "out1"];

    /// <inheritdoc/>
    public override ComponentTraits Traits { get; } = new(Passive: true, Reciprocal: true, LosslessWithoutLoss: false);

    /// <inheritdoc/>
    protected override BoundComponent BindCore(SettingsReader settings, ComponentContext context)
    {
        double center = settings.Number("center_nm", context.FileWavelengthNm);
        double fwhm = settings.Number("fwhm_nm");
        double reference = settings.Number("reference_nm", center);
        double lossDb = settings.Number("loss_db");
        double through = settings.Number("through_fraction");
        double crossCenter = settings.Number("cross_center_nm", center);
        double crossReference = settings.Number("cross_reference_nm", crossCenter);
        double crossLossDb = settings.Number("cross_loss_db", lossDb);
        double cross = settings.Number("cross_fraction");
        GaussianMmiResponse.Check(settings, "center_nm", center, "fwhm_nm", fwhm);
        GaussianMmiResponse.Check(settings, "cross_center_nm", crossCenter, "fwhm_nm", fwhm);
        if (through + cross > 1 + 1e-12)
            settings.AddError("through_fraction and cross_fraction",
                $"through_fraction + cross_fraction = {(through + cross).ToString("R", CultureInfo.InvariantCulture)} exceeds 1: the MMI would give gain (T² + C² ≤ 1 is passivity)");
        settings.ThrowIfErrors();
        return new Bound(this, new GaussianMmiResponse(center, fwhm, reference), CommonSettings.AmplitudeFromLossDb(lossDb) * Math.Sqrt(through),
            new GaussianMmiResponse(crossCenter, fwhm, crossReference), CommonSettings.AmplitudeFromLossDb(crossLossDb) * Math.Sqrt(cross));
    }

    private sealed class Bound(Mmi2x2GaussianModel model, GaussianMmiResponse through, double throughAmplitude, GaussianMmiResponse cross, double crossAmplitude)
        : BoundComponent(model, model.FixedPorts!)
    {
        protected override void Fill(SMatrixSweep s)
        {
            for (int k = 0; k < s.WavelengthCount; k++)
            {
                double lambda = s.WavelengthsNm[k];
                var t = new Complex(throughAmplitude * through.CheckedFactor(lambda, Model.Name, "reference_nm"), 0);
                var c = new Complex(0, crossAmplitude * cross.CheckedFactor(lambda, Model.Name, "cross_reference_nm"));
                for (int input = 0; input < 2; input++)
                    for (int output = 0; output < 2; output++)
                    {
                        var v = input == output ? t : c;
                        s.Set(k, 2 + output, input, v);
                        s.Set(k, input, 2 + output, v);
                    }
            }
        }
    }
}
