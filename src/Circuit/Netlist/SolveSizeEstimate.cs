using System.Globalization;
using PhotonicKit.Circuit.Diagnostics;

namespace PhotonicKit.Circuit.Netlist;

/// <summary>
/// Estimates the memory of a classical solve before any work, so that a request too large for the machine is
/// refused with the estimate in the message (spec §1): every instance's S-matrix at every wavelength
/// (points × Σ ports² × 16 bytes, complex doubles) plus the circuit's own S-matrix (points × external² × 16).
/// </summary>
public static class SolveSizeEstimate
{
    /// <summary>Share of the machine's memory a solve may use.</summary>
    public const double MaxMemoryFraction = 0.75;

    /// <summary>Bytes of one solve: points × (Σ instance ports² + external ports²) × 16.</summary>
    /// <param name="points">Number of wavelengths.</param>
    /// <param name="instancePortCounts">Number of ports of each instance.</param>
    /// <param name="externalPorts">Number of external ports.</param>
    public static double Bytes(int points, IEnumerable<int> instancePortCounts, int externalPorts)
    {
        ArgumentNullException.ThrowIfNull(instancePortCounts);
        double perPoint = instancePortCounts.Sum(n => (double)n * n) + (double)externalPorts * externalPorts;
        return points * perPoint * 16;
    }

    /// <summary>Memory this process may use: <see cref="GCMemoryInfo.TotalAvailableMemoryBytes"/>.</summary>
    public static double MachineBytes => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;

    /// <summary>Checks a solve of <paramref name="circuit"/> over <paramref name="points"/> wavelengths;
    /// records an error with the estimate and returns false when it exceeds 75 % of the machine's memory.</summary>
    public static bool Check(int points, FlatCircuit circuit, DiagnosticBag bag, SourceMark mark = default, string key = "")
    {
        ArgumentNullException.ThrowIfNull(circuit);
        return Check(points, circuit.Instances.Select(i => i.Component.Ports.Count), circuit.ExternalPorts.Count, bag, mark, key);
    }

    /// <summary>Checks a solve of the given size against <paramref name="machineBytes"/> (default
    /// <see cref="MachineBytes"/>); records an error with the estimate and returns false when it exceeds
    /// <see cref="MaxMemoryFraction"/> of it.</summary>
    public static bool Check(int points, IEnumerable<int> instancePortCounts, int externalPorts, DiagnosticBag bag,
        SourceMark mark = default, string key = "", double? machineBytes = null)
    {
        ArgumentNullException.ThrowIfNull(bag);
        var counts = instancePortCounts.ToList();
        double bytes = Bytes(points, counts, externalPorts);
        double machine = machineBytes ?? MachineBytes;
        if (bytes <= MaxMemoryFraction * machine) return true;
        bag.Error(mark, key,
            $"refused: a solve over {points} wavelengths of {counts.Count} instances ({counts.Sum()} ports, {externalPorts} external) needs about {FormatBytes(bytes)}, more than 75 % of this machine's {FormatBytes(machine)}");
        return false;
    }

    /// <summary>A byte count in words, e.g. "1.5 GB" (powers of 1024).</summary>
    public static string FormatBytes(double bytes)
    {
        string[] units = ["bytes", "KB", "MB", "GB", "TB", "PB"];
        int u = 0;
        while (bytes >= 1024 && u < units.Length - 1)
        {
            bytes /= 1024;
            u++;
        }
        return u == 0 ? $"{bytes.ToString("0", CultureInfo.InvariantCulture)} bytes" : $"{bytes.ToString("0.#", CultureInfo.InvariantCulture)} {units[u]}";
    }
}
