using System.Numerics;

namespace PhotonicKit.Components.Passive;

/// <summary>Setting declarations and small formulas shared by several passive components.</summary>
internal static class CommonSettings
{
    /// <summary>The <c>loss_db</c> setting: a power loss applied to every entry of S.</summary>
    public static SettingSpec LossDb(string description = "insertion loss (power); every entry of S is multiplied by 10^(−loss_db/20)") =>
        new("loss_db", SettingKind.Number, "dB", description) { Default = 0, Min = 0 };

    /// <summary>The <c>coupling</c> setting of a 2×2 coupler: the power fraction sent to the cross port.</summary>
    public static SettingSpec Coupling(bool required, double? defaultValue = null, string name = "coupling",
        string description = "power fraction κ² sent to the cross port") =>
        new(name, SettingKind.Number, "", description) { Required = required, Default = defaultValue, Min = 0, Max = 1 };

    /// <summary>Field amplitude a = 10^(−loss_db/20) of a power loss in dB.</summary>
    public static double AmplitudeFromLossDb(double lossDb) => Math.Pow(10, -lossDb / 20);

    /// <summary>
    /// Writes a 2×2 coupler a·[[t, iκ], [iκ, t]] (t = √(1 − coupling), κ = √coupling) between inputs
    /// (in0, in1) = ports (0, 1) and outputs (out0, out1) = ports (2, 3), in both directions (reciprocal).
    /// </summary>
    public static void SetCoupler(SMatrixSweep s, int k, double coupling, double amplitude)
    {
        var t = new Complex(amplitude * Math.Sqrt(1 - coupling), 0);
        var cross = new Complex(0, amplitude * Math.Sqrt(coupling));
        for (int input = 0; input < 2; input++)
            for (int output = 0; output < 2; output++)
            {
                var v = input == output ? t : cross;
                s.Set(k, 2 + output, input, v);
                s.Set(k, input, 2 + output, v);
            }
    }
}
