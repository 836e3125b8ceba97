using System.Runtime.InteropServices;

namespace PhotonicKit.Components;

/// <summary>What a path names, without following a final symbolic link (lstat semantics).</summary>
public enum FileKind
{
    /// <summary>Nothing at the path.</summary>
    Missing,
    /// <summary>A regular file.</summary>
    Regular,
    /// <summary>A directory.</summary>
    Directory,
    /// <summary>A symbolic link (whatever it points to).</summary>
    SymbolicLink,
    /// <summary>A named pipe.</summary>
    Fifo,
    /// <summary>A character device such as /dev/null or /dev/full.</summary>
    CharacterDevice,
    /// <summary>A block device.</summary>
    BlockDevice,
    /// <summary>A Unix domain socket.</summary>
    Socket,
    /// <summary>Something else the operating system reports.</summary>
    Other,
}

/// <summary>
/// The kind of file at a path. .NET reports FIFOs and devices as ordinary files, so on Linux this asks the kernel
/// with <c>statx(AT_SYMLINK_NOFOLLOW)</c>, whose buffer has the same layout on every architecture; elsewhere it
/// falls back to what .NET can tell (links, directories, and on Unix the paths under <c>/dev</c>).
/// </summary>
public static class FileKinds
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxType = 0x1;
    private const int StatxBufferBytes = 256;
    private const int StatxModeOffset = 28;
    private const int ENOENT = 2;
    private const int ENOTDIR = 20;

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern int Statx(int directoryFd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, byte[] buffer);

    /// <summary>The kind of file at <paramref name="path"/>, the final link not followed.</summary>
    /// <exception cref="IOException">The path cannot be inspected (e.g. a folder on the way is not searchable).</exception>
    public static FileKind Of(string path)
    {
        if (OperatingSystem.IsLinux() && TryStatx(path) is { } kind) return kind;
        return Managed(path);
    }

    private static FileKind? TryStatx(string path)
    {
        var buffer = new byte[StatxBufferBytes];
        int result;
        try
        {
            result = Statx(AtFdCwd, path, AtSymlinkNoFollow, StatxType, buffer);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
        if (result != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            if (errno is ENOENT or ENOTDIR) return FileKind.Missing;
            throw new IOException($"cannot inspect it: {Marshal.GetPInvokeErrorMessage(errno)}", errno);
        }
        int mode = BitConverter.ToUInt16(buffer, StatxModeOffset);
        return (mode & 0xF000) switch
        {
            0x8000 => FileKind.Regular,
            0x4000 => FileKind.Directory,
            0xA000 => FileKind.SymbolicLink,
            0x1000 => FileKind.Fifo,
            0x2000 => FileKind.CharacterDevice,
            0x6000 => FileKind.BlockDevice,
            0xC000 => FileKind.Socket,
            _ => FileKind.Other,
        };
    }

    private static FileKind Managed(string path)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is not null) return FileKind.SymbolicLink;
        if (Directory.Exists(path)) return FileKind.Directory;
        if (!info.Exists) return FileKind.Missing;
        string full = Path.GetFullPath(path);
        if (OperatingSystem.IsWindows() ? full.StartsWith(@"\\.\", StringComparison.Ordinal) : full.StartsWith("/dev/", StringComparison.Ordinal))
            return FileKind.CharacterDevice;
        return FileKind.Regular;
    }

    /// <summary>The kind in words, for messages: "a FIFO (named pipe)", "a character device", ….</summary>
    public static string Describe(FileKind kind) => kind switch
    {
        FileKind.Regular => "a regular file",
        FileKind.Directory => "a directory",
        FileKind.SymbolicLink => "a symbolic link",
        FileKind.Fifo => "a FIFO (named pipe)",
        FileKind.CharacterDevice => "a character device",
        FileKind.BlockDevice => "a block device",
        FileKind.Socket => "a socket",
        FileKind.Missing => "missing",
        _ => "not a regular file",
    };
}
