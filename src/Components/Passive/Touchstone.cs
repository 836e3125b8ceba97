using System.Globalization;
using System.Numerics;

namespace PhotonicKit.Components.Passive;

/// <summary>
/// S-parameters read from a Touchstone file: versions 1.x (the port count from the extension .sNp) and 2.0
/// ([Version], [Number of Ports], [Two-Port Data Order], [Number of Frequencies], [Matrix Format] Full | Lower | Upper,
/// [Network Data], [End]); option line <c># unit S format R n</c> with units Hz, kHz, MHz, GHz (and THz), formats RI, MA
/// and DB; comments after '!'. Only S-parameters (not Y, Z, H, G); the reference impedance is read and not used.
/// </summary>
/// <param name="FrequenciesHz">The frequencies, strictly increasing.</param>
/// <param name="Matrices">S[k][i, j] = S_(i+1)(j+1) at frequency k (row = output port, column = input port).</param>
public sealed record Touchstone(double[] FrequenciesHz, Complex[][,] Matrices)
{
    /// <summary>
    /// Names that the file's comments give its ports, <c>! Port[n] = name</c> (as HFSS and other field solvers write them,
    /// and scikit-rf reads them), indexed by port from 0; null entries for ports not named, and empty when no comment
    /// names a port. A port named twice keeps its last name.
    /// </summary>
    public IReadOnlyList<string?> PortNames { get; init; } = [];

    /// <summary>Number of ports.</summary>
    public int Ports => Matrices.Length == 0 ? 0 : Matrices[0].GetLength(0);

    /// <summary>Largest Touchstone file read, bytes (a 16-port file of 10 000 frequencies in full is about 100 MB).</summary>
    public const long MaxFileBytes = 256L * 1024 * 1024;

    /// <summary>Reads a Touchstone file; <see cref="FormatException"/> with the line and what was expected when it cannot,
    /// <see cref="IOException"/> when the path (after its links) is not a regular file of at most <see cref="MaxFileBytes"/>
    /// (a device or a pipe would never end).</summary>
    /// <param name="path">The file (its extension gives the port count of version 1 files).</param>
    public static Touchstone Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string target = path;
        for (int hops = 0; FileKinds.Of(target) == FileKind.SymbolicLink; hops++)
        {
            if (hops > 32) throw new IOException("too many symbolic links");
            var link = new FileInfo(target).LinkTarget!;
            target = Path.IsPathRooted(link) ? link : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(target)) ?? "", link);
        }
        var kind = FileKinds.Of(target);
        if (kind == FileKind.Missing) throw new FileNotFoundException("no such file", path);
        if (kind != FileKind.Regular) throw new IOException($"it is {FileKinds.Describe(kind)}, not a regular file");
        long length = new FileInfo(target).Length;
        if (length > MaxFileBytes)
            throw new IOException($"it holds {length / 1048576.0:F0} MB, more than the {MaxFileBytes / 1048576} MB a Touchstone file is read up to");
        return Parse(File.ReadAllText(target), Path.GetExtension(path));
    }

    /// <summary>Parses Touchstone text; <paramref name="extension"/> (e.g. ".s2p") gives the port count of version 1 text.</summary>
    /// <param name="text">The file's text.</param>
    /// <param name="extension">The file's extension.</param>
    public static Touchstone Parse(string text, string extension)
    {
        ArgumentNullException.ThrowIfNull(text);
        int? ports = PortsFromExtension(extension);
        double unit = 1e9;
        string format = "MA";
        bool optionSeen = false, version2 = false, order12 = false, inData = false, ended = false;
        string matrixFormat = "FULL";
        int? declaredFrequencies = null;
        var numbers = new List<(double Value, int Line)>();
        var lines = text.Split('\n');
        var portNames = new List<(int Port, string Name)>();
        for (int l = 0; l < lines.Length; l++)
        {
            int lineNumber = l + 1;
            string line = lines[l];
            int bang = line.IndexOf('!', StringComparison.Ordinal);
            if (bang >= 0)
            {
                if (PortNameComment(line[(bang + 1)..]) is { } named) portNames.Add(named);
                line = line[..bang];
            }
            line = line.Trim();
            if (line.Length == 0 || ended) continue;
            if (line.StartsWith('['))
            {
                int close = line.IndexOf(']', StringComparison.Ordinal);
                if (close < 0) throw Error(lineNumber, $"'{line}' opens a keyword without closing it");
                string keyword = line[1..close].Trim().ToUpperInvariant();
                string value = line[(close + 1)..].Trim();
                switch (keyword)
                {
                    case "VERSION":
                        if (!value.StartsWith("2.", StringComparison.Ordinal)) throw Error(lineNumber, $"version {value} is not read: expected 2.0 (or a version 1 file without [Version])");
                        version2 = true;
                        break;
                    case "NUMBER OF PORTS":
                        ports = int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n > 0 ? n : throw Error(lineNumber, $"[Number of Ports] {value} is not a positive integer");
                        break;
                    case "TWO-PORT DATA ORDER":
                        order12 = value.ToUpperInvariant() switch
                        {
                            "12_21" => true,
                            "21_12" => false,
                            _ => throw Error(lineNumber, $"[Two-Port Data Order] {value}: expected 12_21 or 21_12"),
                        };
                        break;
                    case "NUMBER OF FREQUENCIES":
                        declaredFrequencies = int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int f) && f > 0 ? f : throw Error(lineNumber, $"[Number of Frequencies] {value} is not a positive integer");
                        break;
                    case "MATRIX FORMAT":
                        matrixFormat = value.ToUpperInvariant();
                        if (matrixFormat is not ("FULL" or "LOWER" or "UPPER")) throw Error(lineNumber, $"[Matrix Format] {value}: expected Full, Lower or Upper");
                        break;
                    case "NETWORK DATA":
                        inData = true;
                        break;
                    case "NOISE DATA":
                    case "END":
                        ended = true;
                        break;
                    case "REFERENCE":
                    case "NUMBER OF NOISE FREQUENCIES":
                    case "MIXED-MODE ORDER":
                    case "BEGIN INFORMATION":
                    case "END INFORMATION":
                        break;
                    default:
                        throw Error(lineNumber, $"keyword [{line[1..close]}] is not one Touchstone 2.0 defines");
                }
                continue;
            }
            if (line.StartsWith('#'))
            {
                if (optionSeen) continue; // Version 1: only the first option line counts.
                optionSeen = true;
                var tokens = line[1..].Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
                for (int t = 0; t < tokens.Length; t++)
                {
                    string token = tokens[t].ToUpperInvariant();
                    switch (token)
                    {
                        case "HZ": unit = 1; break;
                        case "KHZ": unit = 1e3; break;
                        case "MHZ": unit = 1e6; break;
                        case "GHZ": unit = 1e9; break;
                        case "THZ": unit = 1e12; break;
                        case "S": break;
                        case "Y" or "Z" or "H" or "G": throw Error(lineNumber, $"{tokens[t]}-parameters are not read: expected S-parameters");
                        case "RI" or "MA" or "DB": format = token; break;
                        case "R":
                            t++;
                            if (t >= tokens.Length || !double.TryParse(tokens[t], NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                                throw Error(lineNumber, "R must be followed by the reference impedance");
                            break;
                        default: throw Error(lineNumber, $"'{tokens[t]}' in the option line is not a frequency unit (Hz, kHz, MHz, GHz), a parameter (S) or a format (RI, MA, DB)");
                    }
                }
                continue;
            }
            if (version2 && !inData) throw Error(lineNumber, $"'{line}' is data before [Network Data]");
            foreach (var token in line.Split((char[])[' ', '\t', ','], StringSplitOptions.RemoveEmptyEntries))
            {
                if (!double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
                    throw Error(lineNumber, $"'{token}' is not a number");
                numbers.Add((value, lineNumber));
            }
        }
        if (ports is not int p) throw new FormatException("the number of ports is not known: name the file .sNp (version 1) or give [Number of Ports] (version 2.0)");
        if (p == 2 && version2 && !lines.Any(x => x.Contains("[Two-Port Data Order]", StringComparison.OrdinalIgnoreCase)))
            throw new FormatException("a version 2.0 two-port file must give [Two-Port Data Order]");
        int pairs = matrixFormat == "FULL" ? p * p : p * (p + 1) / 2;
        int perFrequency = 1 + 2 * pairs;
        if (numbers.Count == 0) throw new FormatException("the file has no network data");
        if (numbers.Count % perFrequency != 0)
            throw new FormatException($"the network data hold {numbers.Count} numbers, not a multiple of {perFrequency} (a frequency and {pairs} complex values for {p} ports); the last frequency is incomplete (line {numbers[^1].Line})");
        int count = numbers.Count / perFrequency;
        if (declaredFrequencies is int d && d != count) throw new FormatException($"[Number of Frequencies] is {d} but the file has {count}");
        var frequencies = new double[count];
        var matrices = new Complex[count][,];
        for (int k = 0; k < count; k++)
        {
            int at = k * perFrequency;
            frequencies[k] = numbers[at].Value * unit;
            if (k > 0 && !(frequencies[k] > frequencies[k - 1]))
                throw Error(numbers[at].Line, $"frequency {numbers[at].Value.ToString("R", CultureInfo.InvariantCulture)} does not increase: frequencies must be strictly increasing");
            var m = new Complex[p, p];
            int index = at + 1;
            for (int q = 0; q < pairs; q++)
            {
                var value = Value(numbers[index].Value, numbers[index + 1].Value, format);
                index += 2;
                var (i, j) = Position(q, p, matrixFormat, version2, order12);
                m[i, j] = value;
                if (matrixFormat != "FULL") m[j, i] = value;
            }
            matrices[k] = m;
        }
        var names = new string?[portNames.Count == 0 || matrices.Length == 0 ? 0 : matrices[0].GetLength(0)];
        foreach (var (port, name) in portNames)
            if (port >= 1 && port <= names.Length) names[port - 1] = name;
        return new Touchstone(frequencies, matrices) { PortNames = names };
    }

    /// <summary>Row and column of the q-th value: rows in order; version 1 two-ports (and 2.0 with 21_12) as S11 S21 S12 S22.</summary>
    private static (int Row, int Column) Position(int q, int ports, string matrixFormat, bool version2, bool order12)
    {
        if (ports == 2 && matrixFormat == "FULL" && (!version2 || !order12)) return q switch { 0 => (0, 0), 1 => (1, 0), 2 => (0, 1), _ => (1, 1) };
        if (matrixFormat == "FULL") return (q / ports, q % ports);
        // Lower: row i holds columns 0 … i; upper: row i holds columns i … N − 1.
        int row = 0, remaining = q;
        while (true)
        {
            int inRow = matrixFormat == "LOWER" ? row + 1 : ports - row;
            if (remaining < inRow) return matrixFormat == "LOWER" ? (row, remaining) : (row, row + remaining);
            remaining -= inRow;
            row++;
        }
    }

    private static Complex Value(double a, double b, string format) => format switch
    {
        "RI" => new Complex(a, b),
        "MA" => Complex.FromPolarCoordinates(a, b * Math.PI / 180),
        _ => Complex.FromPolarCoordinates(Math.Pow(10, a / 20), b * Math.PI / 180),
    };

    private static int? PortsFromExtension(string extension)
    {
        if (extension.Length >= 4 && extension[0] == '.' && char.ToLowerInvariant(extension[1]) == 's' && char.ToLowerInvariant(extension[^1]) == 'p'
            && int.TryParse(extension[2..^1], NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n > 0)
            return n;
        return null;
    }

    private static FormatException Error(int line, string message) => new($"line {line}: {message}");

    /// <summary>The port and name of a comment <c>Port[n] = name</c> (spaces allowed, "port" in any case); null for any other comment.</summary>
    private static (int Port, string Name)? PortNameComment(string comment)
    {
        var match = System.Text.RegularExpressions.Regex.Match(comment, @"^\s*port\s*\[\s*(\d+)\s*\]\s*=\s*(\S(?:.*\S)?)\s*$", System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant);
        return match.Success && int.TryParse(match.Groups[1].Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int port)
            ? (port, match.Groups[2].Value) : null;
    }
}
