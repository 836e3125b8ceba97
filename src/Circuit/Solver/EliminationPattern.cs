namespace PhotonicKit.Circuit.Solver;

/// <summary>
/// The nonzero pattern of a square sparse matrix during symbolic elimination: for every row its columns with
/// their storage positions, for every column its rows. Rows and columns are short in circuit networks, so
/// they are plain growable arrays scanned linearly; a stamped scatter array makes the many lookups of one
/// row O(1) while that row is being updated.
/// </summary>
internal sealed class EliminationPattern
{
    private readonly int[][] _rowColumns;
    private readonly int[][] _rowPositions;
    private readonly int[] _rowLength;
    private readonly int[][] _columnRows;
    private readonly int[] _columnLength;
    private readonly int[] _stamp;
    private readonly int[] _scatteredPosition;
    private int _currentStamp;

    public EliminationPattern(int n)
    {
        _rowColumns = new int[n][];
        _rowPositions = new int[n][];
        _rowLength = new int[n];
        _columnRows = new int[n][];
        _columnLength = new int[n];
        for (int v = 0; v < n; v++)
        {
            _rowColumns[v] = new int[4];
            _rowPositions[v] = new int[4];
            _columnRows[v] = new int[4];
        }
        _stamp = new int[n];
        _scatteredPosition = new int[n];
    }

    /// <summary>Number of stored positions (original entries plus fill).</summary>
    public int Count { get; private set; }

    public int RowLength(int r) => _rowLength[r];

    public int ColumnLength(int c) => _columnLength[c];

    public ReadOnlySpan<int> RowColumns(int r) => _rowColumns[r].AsSpan(0, _rowLength[r]);

    public ReadOnlySpan<int> RowPositions(int r) => _rowPositions[r].AsSpan(0, _rowLength[r]);

    public ReadOnlySpan<int> ColumnRows(int c) => _columnRows[c].AsSpan(0, _columnLength[c]);

    /// <summary>Adds entry (r, c), which must be absent, and returns its new position.</summary>
    public int Add(int r, int c)
    {
        int pos = Count++;
        Append(ref _rowColumns[r], _rowLength[r], c);
        Append(ref _rowPositions[r], _rowLength[r], pos);
        _rowLength[r]++;
        Append(ref _columnRows[c], _columnLength[c], r);
        _columnLength[c]++;
        if (r == _scatteredRow)
        {
            _stamp[c] = _currentStamp;
            _scatteredPosition[c] = pos;
        }
        return pos;
    }

    /// <summary>Position of (r, c), or −1, by scanning row r.</summary>
    public int Find(int r, int c)
    {
        var cols = RowColumns(r);
        int i = cols.IndexOf(c);
        return i < 0 ? -1 : _rowPositions[r][i];
    }

    private int _scatteredRow = -1;

    /// <summary>Scatters row r so that <see cref="FindScattered"/> answers in O(1) until the next scatter.</summary>
    public void Scatter(int r)
    {
        _currentStamp++;
        _scatteredRow = r;
        var cols = RowColumns(r);
        var pos = _rowPositions[r];
        for (int i = 0; i < cols.Length; i++)
        {
            _stamp[cols[i]] = _currentStamp;
            _scatteredPosition[cols[i]] = pos[i];
        }
    }

    /// <summary>Position of (scattered row, c), or −1.</summary>
    public int FindScattered(int c) => _stamp[c] == _currentStamp ? _scatteredPosition[c] : -1;

    /// <summary>Removes column c from row r's list (the position stays allocated).</summary>
    public void RemoveFromRow(int r, int c)
    {
        int len = _rowLength[r];
        var cols = _rowColumns[r];
        int i = cols.AsSpan(0, len).IndexOf(c);
        if (i < 0) return;
        var pos = _rowPositions[r];
        Array.Copy(cols, i + 1, cols, i, len - i - 1);
        Array.Copy(pos, i + 1, pos, i, len - i - 1);
        _rowLength[r] = len - 1;
        if (_scatteredRow == r) _stamp[c] = 0;
    }

    /// <summary>Removes row r from column c's list.</summary>
    public void RemoveFromColumn(int c, int r)
    {
        int len = _columnLength[c];
        var rows = _columnRows[c];
        int i = rows.AsSpan(0, len).IndexOf(r);
        if (i < 0) return;
        Array.Copy(rows, i + 1, rows, i, len - i - 1);
        _columnLength[c] = len - 1;
    }

    /// <summary>Empties row r and column r.</summary>
    public void Clear(int r)
    {
        _rowLength[r] = 0;
        _columnLength[r] = 0;
    }

    private static void Append(ref int[] array, int length, int value)
    {
        if (length == array.Length) Array.Resize(ref array, array.Length * 2);
        array[length] = value;
    }
}
