using System.Globalization;
using System.Text;
using PhotonicKit.Circuit.Diagnostics;

namespace PhotonicKit.Circuit.Netlist;

/// <summary>
/// A netlist file's bytes as text, strictly: UTF-8 (a byte-order mark is skipped), or UTF-16/UTF-32 when the file
/// starts with their byte-order mark. Bytes that are not valid in the encoding are an error at their line and
/// column — never replaced by U+FFFD, which would let a corrupted name or number run. Files larger than
/// <see cref="MaxFileBytes"/> are refused before they are read.
/// </summary>
public static class NetlistText
{
    /// <summary>Largest netlist file read, bytes: every written number becomes a node of about
    /// <see cref="NetlistParser.BytesPerNode"/> bytes once read, so 128 MB of text can hold 64 million nodes
    /// (several GB); the largest unitary (2048 modes, two matrices) written in full is about 70 MB.</summary>
    public const long MaxFileBytes = 128L * 1024 * 1024;

    /// <summary>Reads the file at <paramref name="path"/>; null with an error in <paramref name="bag"/> when it
    /// cannot be read, is too large, or is not valid text.</summary>
    public static string? ReadFile(string path, DiagnosticBag bag)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(bag);
        byte[] bytes;
        try
        {
            long length = new FileInfo(path).Length;
            if (length > MaxFileBytes)
            {
                bag.Error(SourceMark.None, "", $"a netlist of {SolveSizeEstimate.FormatBytes(length)} refused before reading: at most {SolveSizeEstimate.FormatBytes(MaxFileBytes)} (each number becomes a node of about {NetlistParser.BytesPerNode} bytes once read: about {SolveSizeEstimate.FormatBytes(length / 2.0 * NetlistParser.BytesPerNode)})");
                return null;
            }
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            string reason = e is FileNotFoundException or DirectoryNotFoundException ? "no such file" : e is UnauthorizedAccessException ? "permission denied" : e.Message;
            bag.Error(SourceMark.None, "", $"cannot read the netlist: {reason}");
            return null;
        }
        return Decode(bytes, bag);
    }

    /// <summary>Decodes <paramref name="bytes"/> (see the class); null with an error at the first invalid byte's
    /// line and column.</summary>
    public static string? Decode(ReadOnlySpan<byte> bytes, DiagnosticBag bag)
    {
        ArgumentNullException.ThrowIfNull(bag);
        Encoding encoding;
        int bom;
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0x00, 0x00])) (encoding, bom) = (new UTF32Encoding(false, true, true), 4);
        else if (bytes.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF])) (encoding, bom) = (new UTF32Encoding(true, true, true), 4);
        else if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])) (encoding, bom) = (new UnicodeEncoding(false, true, true), 2);
        else if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) (encoding, bom) = (new UnicodeEncoding(true, true, true), 2);
        else
        {
            bom = bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
            var utf8 = bytes[bom..];
            int bad = FirstInvalidUtf8(utf8);
            if (bad >= 0)
            {
                var (line, column) = Position(utf8[..bad]);
                bag.Error(new SourceMark(line, column), "",
                    string.Create(CultureInfo.InvariantCulture, $"byte 0x{utf8[bad]:X2} (at offset {bad + bom}) is not valid UTF-8: a netlist is UTF-8 text (or UTF-16 with a byte-order mark); re-save the file as UTF-8"));
                return null;
            }
            return Encoding.UTF8.GetString(utf8);
        }
        try
        {
            return encoding.GetString(bytes[bom..]);
        }
        catch (DecoderFallbackException e)
        {
            bag.Error(new SourceMark(1, 1), "", $"the file starts with a {encoding.WebName} byte-order mark but is not valid {encoding.WebName}: {e.Message}; re-save the file as UTF-8");
            return null;
        }
    }

    /// <summary>Index of the first byte that does not start or continue a valid UTF-8 sequence, or −1.</summary>
    private static int FirstInvalidUtf8(ReadOnlySpan<byte> bytes)
    {
        int i = 0;
        while (i < bytes.Length)
        {
            if (bytes[i] < 0x80)
            {
                i++;
                continue;
            }
            var status = Rune.DecodeFromUtf8(bytes[i..], out _, out int consumed);
            if (status != System.Buffers.OperationStatus.Done) return i;
            i += consumed;
        }
        return -1;
    }

    /// <summary>The 1-based line and column (in characters) just after the valid text <paramref name="before"/>.</summary>
    private static (int Line, int Column) Position(ReadOnlySpan<byte> before)
    {
        int lastNewline = before.LastIndexOf((byte)'\n');
        int line = 1 + before.Count((byte)'\n');
        int column = 1 + Encoding.UTF8.GetCharCount(before[(lastNewline + 1)..]);
        return (line, column);
    }
}
