using System.Numerics;

namespace PhotonicKit.Components;

/// <summary>
/// Scattering matrices of one component or circuit over a wavelength grid, indexed <c>S[out, in]</c>
/// (column = the port the light enters, row = the port it leaves; docs/conventions.md).
/// </summary>
/// <remarks>
/// Storage is contiguous and split into real and imaginary parts, wavelength-major:
/// element (k, out, in) sits at <c>(k·n + out)·n + in</c> with n the port count. Hot kernels read and write
/// the spans directly; <see cref="Set"/> and the indexer are for everything else.
/// </remarks>
public sealed class SMatrixSweep
{
    private readonly double[] _re;
    private readonly double[] _im;
    private readonly double[] _wavelengthsNm;
    private readonly string[] _ports;

    /// <summary>Creates an all-zero sweep over <paramref name="wavelengthsNm"/> for the named ports.</summary>
    public SMatrixSweep(IReadOnlyList<string> ports, ReadOnlySpan<double> wavelengthsNm)
    {
        ArgumentNullException.ThrowIfNull(ports);
        _ports = ports.ToArray();
        _wavelengthsNm = wavelengthsNm.ToArray();
        long size = (long)_ports.Length * _ports.Length * _wavelengthsNm.Length;
        if (size > Array.MaxLength)
            throw new ArgumentException($"an S-matrix of {_ports.Length} ports at {_wavelengthsNm.Length} wavelengths has {size} entries, more than one array holds");
        _re = new double[size];
        _im = new double[size];
    }

    /// <summary>Port names, in matrix order.</summary>
    public IReadOnlyList<string> Ports => _ports;

    /// <summary>Number of ports n (the matrices are n × n).</summary>
    public int PortCount => _ports.Length;

    /// <summary>Wavelengths of the grid, in nm.</summary>
    public ReadOnlySpan<double> WavelengthsNm => _wavelengthsNm;

    /// <summary>Number of wavelength points.</summary>
    public int WavelengthCount => _wavelengthsNm.Length;

    /// <summary>Index of a port by name, or −1.</summary>
    public int IndexOf(string port) => Array.IndexOf(_ports, port);

    /// <summary>S[out, in] at wavelength index <paramref name="k"/>.</summary>
    public Complex this[int k, int outPort, int inPort]
    {
        get
        {
            int i = Offset(k, outPort, inPort);
            return new Complex(_re[i], _im[i]);
        }
    }

    /// <summary>S[out, in] at wavelength index <paramref name="k"/>, by port name.</summary>
    public Complex this[int k, string outPort, string inPort] => this[k, PortIndex(outPort), PortIndex(inPort)];

    /// <summary>Sets S[out, in] at wavelength index <paramref name="k"/>.</summary>
    public void Set(int k, int outPort, int inPort, Complex value)
    {
        int i = Offset(k, outPort, inPort);
        _re[i] = value.Real;
        _im[i] = value.Imaginary;
    }

    /// <summary>Real parts of the n × n matrix at wavelength index <paramref name="k"/>, row-major (row = out).</summary>
    public Span<double> Real(int k) => _re.AsSpan(k * _ports.Length * _ports.Length, _ports.Length * _ports.Length);

    /// <summary>Imaginary parts of the n × n matrix at wavelength index <paramref name="k"/>, row-major (row = out).</summary>
    public Span<double> Imaginary(int k) => _im.AsSpan(k * _ports.Length * _ports.Length, _ports.Length * _ports.Length);

    /// <summary>The matrix at wavelength index <paramref name="k"/> as a MathNet dense matrix (a copy).</summary>
    public MathNet.Numerics.LinearAlgebra.Matrix<Complex> ToMatrix(int k)
    {
        int n = _ports.Length;
        var m = MathNet.Numerics.LinearAlgebra.Matrix<Complex>.Build.Dense(n, n);
        for (int o = 0; o < n; o++)
            for (int i = 0; i < n; i++)
                m[o, i] = this[k, o, i];
        return m;
    }

    private int PortIndex(string port)
    {
        int i = IndexOf(port);
        if (i < 0) throw new ArgumentException($"no port '{port}' (ports: {string.Join(", ", _ports)})", nameof(port));
        return i;
    }

    private int Offset(int k, int outPort, int inPort)
    {
        int n = _ports.Length;
        if ((uint)k >= (uint)_wavelengthsNm.Length) throw new ArgumentOutOfRangeException(nameof(k));
        if ((uint)outPort >= (uint)n) throw new ArgumentOutOfRangeException(nameof(outPort));
        if ((uint)inPort >= (uint)n) throw new ArgumentOutOfRangeException(nameof(inPort));
        return (k * n + outPort) * n + inPort;
    }
}
