using System.Text;
using PhotonicKit.Components;

namespace PhotonicKit.Tool;

/// <summary>An output that cannot be written: exit 1, naming the option and the path.</summary>
internal sealed class OutputException(string key, string message) : Exception(message)
{
    /// <summary>The option, e.g. <c>--json</c>.</summary>
    public string Key { get; } = key;
}

/// <summary>
/// The files of one run (<c>--json</c>, <c>--html</c>), written only on success and together (spec §6). Before any
/// work each target is checked: a new path, or an existing regular file that may be written, is accepted;
/// a symbolic link, a directory, a FIFO, a device or a socket is refused, since renaming over it would replace
/// it. A temporary file is created beside each target then, so an unwritable folder is reported before any
/// computation. <see cref="CommitAll"/> writes every content into its temporary file and flushes it to disk,
/// and only when all are written renames them over their targets; a failure while writing (a full disk, no
/// permission) leaves every target as it was and is reported as an <see cref="OutputException"/> naming the
/// path. Disposed without a commit, the temporary files are deleted.
/// </summary>
internal sealed class OutputSet : IDisposable
{
    private readonly List<Pending> _outputs = [];
    private readonly Func<string, Stream> _openTemporary;

    /// <param name="openTemporary">Opens a temporary file for writing (tests inject failures here); default a
    /// <see cref="FileStream"/> over the existing empty file.</param>
    public OutputSet(Func<string, Stream>? openTemporary = null)
    {
        _openTemporary = openTemporary ?? (path => new FileStream(path, FileMode.Truncate, FileAccess.Write, FileShare.None));
    }

    private sealed record Pending(string Key, string Path, string Target, string Temporary)
    {
        public bool Renamed { get; set; }
    }

    /// <summary>Checks <paramref name="path"/> and creates its temporary file; null and a problem when it cannot be written.</summary>
    public bool TryAdd(string key, string path, out string? problem)
    {
        problem = null;
        if (string.IsNullOrWhiteSpace(path))
        {
            problem = "expected a file name, got an empty one";
            return false;
        }
        try
        {
            string full = Path.GetFullPath(path);
            if (TargetProblem(full) is { } p)
            {
                problem = $"cannot write '{path}': {p}";
                return false;
            }
            string dir = Path.GetDirectoryName(full)!;
            if (FileKinds.Of(dir) is not FileKind.Directory)
            {
                problem = $"cannot write '{path}': no directory '{dir}'";
                return false;
            }
            string temporary = Path.Combine(dir, $".{Path.GetFileName(full)}.{Path.GetRandomFileName()}.tmp");
            try
            {
                // CreateNew: never open something already there (a planted link, a stale file).
                using (new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None)) { }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                problem = $"cannot write '{path}': no new file can be created in '{dir}' ({Reason(e)})";
                return false;
            }
            _outputs.Add(new Pending(key, path, full, temporary));
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            problem = $"cannot write '{path}': {Reason(e)}";
            return false;
        }
    }

    /// <summary>Why <paramref name="fullPath"/> may not be replaced, or null when it is a new path or a writable regular file.</summary>
    private static string? TargetProblem(string fullPath)
    {
        var kind = FileKinds.Of(fullPath);
        switch (kind)
        {
            case FileKind.Missing:
                return null;
            case FileKind.Regular:
                return File.GetAttributes(fullPath).HasFlag(FileAttributes.ReadOnly) ? "it is read-only: permission denied" : null;
            case FileKind.SymbolicLink:
                string? to = new FileInfo(fullPath).LinkTarget;
                return $"it is a symbolic link{(to is null ? "" : $" to '{to}'")}: only a regular file (or a new path) is replaced; give the file it points to";
            default:
                return $"it is {FileKinds.Describe(kind)}: only a regular file (or a new path) is replaced";
        }
    }

    /// <summary>
    /// Writes <paramref name="contents"/> (one per output, in the order added) into the temporary files, then
    /// renames them over their targets. Throws <see cref="OutputException"/> with no target replaced when any
    /// content cannot be written.
    /// </summary>
    public void CommitAll(IReadOnlyList<string> contents)
    {
        ArgumentNullException.ThrowIfNull(contents);
        if (contents.Count != _outputs.Count) throw new ArgumentException($"{contents.Count} contents for {_outputs.Count} outputs", nameof(contents));
        var encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        for (int i = 0; i < _outputs.Count; i++)
        {
            var o = _outputs[i];
            byte[] bytes = encoding.GetBytes(contents[i]);
            try
            {
                using var stream = _openTemporary(o.Temporary);
                stream.Write(bytes);
                if (stream is FileStream file) file.Flush(flushToDisk: true);
                else stream.Flush();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new OutputException(o.Key, $"cannot write '{o.Path}': {Reason(e)} ({SizeText(bytes.Length)} to write){Untouched()}");
            }
        }
        // Every content is on disk: only now replace the targets, each checked again (it may have changed).
        foreach (var o in _outputs)
        {
            try
            {
                if (TargetProblem(o.Target) is { } problem)
                    throw new OutputException(o.Key, $"cannot write '{o.Path}': {problem}{Untouched()}");
                File.Move(o.Temporary, o.Target, overwrite: true);
                o.Renamed = true;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new OutputException(o.Key, $"cannot write '{o.Path}': {Reason(e)}{Untouched()}");
            }
        }
    }

    /// <summary>" ; nothing was replaced", or which outputs already were.</summary>
    private string Untouched()
    {
        var done = _outputs.Where(o => o.Renamed).Select(o => $"'{o.Path}'").ToList();
        return done.Count == 0 ? "; no output was replaced" : $"; already replaced: {string.Join(", ", done)}";
    }

    private static string SizeText(long bytes) => PhotonicKit.Circuit.Netlist.SolveSizeEstimate.FormatBytes(bytes);

    /// <summary>The operating system's reason in a few words: a full disk and a refused permission by name.</summary>
    internal static string Reason(Exception e)
    {
        const int ENOSPC = 28, EDQUOT = 122, ERROR_DISK_FULL = 112, ERROR_HANDLE_DISK_FULL = 39;
        if (e is UnauthorizedAccessException) return "permission denied";
        int code = e.HResult & 0xFFFF;
        if (code is ENOSPC or ERROR_DISK_FULL or ERROR_HANDLE_DISK_FULL || e.Message.Contains("disk was full", StringComparison.OrdinalIgnoreCase)
            || e.Message.Contains("No space left", StringComparison.OrdinalIgnoreCase))
            return "no space left on the device";
        if (code == EDQUOT && OperatingSystem.IsLinux()) return "disk quota exceeded";
        return e.Message;
    }

    /// <summary>Deletes the temporary files not renamed.</summary>
    public void Dispose()
    {
        foreach (var o in _outputs)
        {
            if (o.Renamed) continue;
            try
            {
                File.Delete(o.Temporary);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The temporary file is ours; if it cannot be removed there is nothing more to do.
            }
            o.Renamed = true;
        }
    }
}
