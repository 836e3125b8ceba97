using System.Globalization;

namespace PhotonicKit.Circuit.Design;

/// <summary>The ports of a <c>time_demux</c>, which follow from its <c>channels</c>.</summary>
public sealed partial class TimeDemuxInstance
{
    /// <summary>The port <c>in</c>, where the pulse train enters.</summary>
    public PortRef In => Port("in");

    /// <summary>The port <c>out{channel}</c>, where excitation pulse k leaves when k mod N = <paramref name="channel"/>.</summary>
    /// <param name="channel">The channel, from 0 to <c>channels</c> − 1.</param>
    public PortRef Out(int channel) => Port("out" + channel.ToString(CultureInfo.InvariantCulture));
}

/// <summary>The ports of a <c>unitary</c>, which follow from its matrix's size m.</summary>
public sealed partial class UnitaryInstance
{
    /// <summary>The input port <c>in{index}</c> (column <paramref name="index"/> of the matrix).</summary>
    /// <param name="index">From 0 to m − 1.</param>
    public PortRef In(int index) => Port("in" + index.ToString(CultureInfo.InvariantCulture));

    /// <summary>The output port <c>out{index}</c> (row <paramref name="index"/> of the matrix).</summary>
    /// <param name="index">From 0 to m − 1.</param>
    public PortRef Out(int index) => Port("out" + index.ToString(CultureInfo.InvariantCulture));
}

/// <summary>The ports of an <c>sparameters</c> component, which are its Touchstone file's.</summary>
public sealed partial class SParametersInstance
{
    /// <summary>The file's port <paramref name="number"/>, <c>o{number}</c> (counted from 1, as Touchstone does).</summary>
    /// <param name="number">From 1 to the file's port count.</param>
    public PortRef O(int number) => Port("o" + number.ToString(CultureInfo.InvariantCulture));
}
