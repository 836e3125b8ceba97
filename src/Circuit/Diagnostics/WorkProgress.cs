namespace PhotonicKit.Circuit.Diagnostics;

/// <summary>Where a run is: the stages it is in (outermost first) and the fraction of its work done.</summary>
/// <param name="Stage">The stages, outermost first, joined by " · " (e.g. <c>analyses[2] sweep · ring.coupling = 0.03</c>).</param>
/// <param name="Fraction">Share of the run's work done, 0 … 1, never decreasing.</param>
public readonly record struct ProgressUpdate(string Stage, double Fraction);

/// <summary>
/// Tracks the progress of the work done inside <see cref="Track"/> on this logical flow (and the tasks it starts),
/// as nested parts: a part of <c>n</c> units spans one unit of the part it is in, so the fraction done is exact in
/// structure (analysis i of N, sweep value k of K, engine configuration by its estimated operations) without any part
/// knowing the others. Work that reports nothing simply advances when its part closes. Costs nothing when no tracker
/// is active: <see cref="Work.Part"/> and <see cref="Work.Advance"/> then only read one async-local.
/// </summary>
public sealed class WorkProgress
{
    private readonly Action<ProgressUpdate> _sink;
    private readonly object _gate = new();
    private double _reported;

    /// <summary>Creates a tracker that passes every change to <paramref name="sink"/> (called on the working threads,
    /// under a lock: keep it short).</summary>
    public WorkProgress(Action<ProgressUpdate> sink) => _sink = sink ?? throw new ArgumentNullException(nameof(sink));

    /// <summary>Makes this tracker the one the work started until disposal reports to (the whole run is one unit).</summary>
    public IDisposable Track()
    {
        var previous = Work.Current.Value;
        Work.Current.Value = new Work.Level(this, null, null, 1, 0, 1);
        return new Work.Restore(previous);
    }

    internal void Publish(Work.Level level)
    {
        lock (_gate)
        {
            if (_failed) return;
            double fraction = Math.Clamp(level.Fraction, _reported, 1);
            _reported = fraction;
            try
            {
                _sink(new ProgressUpdate(level.StagePath, fraction));
            }
            catch (Exception) when (!System.Diagnostics.Debugger.IsAttached)
            {
                // A display that fails must not stop the computation it shows: it is switched off.
                _failed = true;
            }
        }
    }

    private bool _failed;
}

/// <summary>What long computations call to report their progress to the active <see cref="WorkProgress"/>, if any.</summary>
public static class Work
{
    internal static readonly AsyncLocal<Level?> Current = new();

    /// <summary>
    /// Opens a part of <paramref name="units"/> units of work, spanning the next unit of the enclosing part, until
    /// disposal (which completes it and advances the enclosing part by one unit).
    /// </summary>
    /// <param name="stage">What the part is, shown after the enclosing parts' stages; null to show only theirs.</param>
    /// <param name="units">How many units the part's <see cref="Advance"/> calls add up to (any positive scale: items,
    /// estimated operations).</param>
    public static IDisposable Part(string? stage, double units)
    {
        var parent = Current.Value;
        if (parent is null) return Restore.Nothing;
        var level = parent.Child(stage, units);
        Current.Value = level;
        level.Tracker.Publish(level);
        return new Restore(parent, level);
    }

    /// <summary>
    /// Opens a part whose amount of work is not known in advance (an analysis, whose engine passes are decided as it
    /// runs), spanning the next unit of the enclosing part until disposal: each part opened inside it takes
    /// <see cref="OpenShare"/> of what is left of it, so that the bar keeps moving however many follow.
    /// </summary>
    /// <param name="stage">What the part is, shown after the enclosing parts' stages; null to show only theirs.</param>
    public static IDisposable OpenPart(string? stage)
    {
        var parent = Current.Value;
        if (parent is null) return Restore.Nothing;
        var level = parent.Child(stage, double.PositiveInfinity);
        Current.Value = level;
        level.Tracker.Publish(level);
        return new Restore(parent, level);
    }

    /// <summary>Share of what is left of an open-ended part (<see cref="OpenPart"/>) that each part inside it takes.</summary>
    public const double OpenShare = 0.9;

    /// <summary>Adds <paramref name="units"/> to the innermost open part (thread-safe; clipped at the part's end).</summary>
    public static void Advance(double units = 1)
    {
        if (Current.Value is { } level && level.Add(units)) level.Tracker.Publish(level);
    }

    internal sealed class Level
    {
        private readonly double _units, _start, _span;
        private double _done;

        /// <summary>Of an open-ended part: the run's fraction its closed children have reached.</summary>
        private double _cursor;

        public Level(WorkProgress tracker, Level? parent, string? stage, double units, double start, double span)
        {
            Tracker = tracker;
            _units = units;
            _start = start;
            _span = span;
            _cursor = start;
            StagePath = parent is null ? stage ?? "" : stage is null ? parent.StagePath : parent.StagePath.Length == 0 ? stage : $"{parent.StagePath} · {stage}";
        }

        public WorkProgress Tracker { get; }

        public string StagePath { get; }

        /// <summary>An open-ended part (<see cref="OpenPart"/>): its children take shares of what is left, and it has no units.</summary>
        private bool IsOpen => double.IsPositiveInfinity(_units);

        public double Start => _start;

        public double End => _start + _span;

        /// <summary>The run's fraction done at this part's current position.</summary>
        public double Fraction
        {
            get
            {
                if (IsOpen) return Volatile.Read(ref _cursor);
                double done = Volatile.Read(ref _done);
                return _start + _span * Math.Min(done, _units) / _units;
            }
        }

        public Level Child(string? childStage, double childUnits)
        {
            double units = double.IsPositiveInfinity(childUnits) ? childUnits : childUnits > 0 && double.IsFinite(childUnits) ? childUnits : 1;
            if (IsOpen)
            {
                double at = Volatile.Read(ref _cursor);
                return new Level(Tracker, this, childStage, units, at, OpenShare * (End - at));
            }
            double done = Math.Min(Volatile.Read(ref _done), Math.Max(_units - 1, 0));
            return new Level(Tracker, this, childStage, units, _start + _span * done / _units, _span * Math.Min(1, _units - done) / _units);
        }

        /// <summary>A child that ends at <paramref name="childEnd"/> has closed: one unit done, or (open-ended) the cursor moved there.</summary>
        public bool Closed(double childEnd)
        {
            if (!IsOpen) return Add(1);
            double seen = Volatile.Read(ref _cursor);
            while (seen < childEnd)
            {
                double actual = Interlocked.CompareExchange(ref _cursor, childEnd, seen);
                if (actual == seen) return true;
                seen = actual;
            }
            return false;
        }

        public bool Add(double more)
        {
            if (IsOpen || !(more > 0) || !double.IsFinite(more)) return false;
            double seen = Volatile.Read(ref _done);
            while (true)
            {
                double next = seen + more;
                double actual = Interlocked.CompareExchange(ref _done, next, seen);
                if (actual == seen) return true;
                seen = actual;
            }
        }
    }

    internal sealed class Restore(Level? previous, Level? closing = null) : IDisposable
    {
        public static readonly IDisposable Nothing = new Restore(null);
        private int _disposed;

        public void Dispose()
        {
            if (closing is null || Interlocked.Exchange(ref _disposed, 1) == 1)
            {
                if (closing is null && !ReferenceEquals(this, Nothing)) Current.Value = previous;
                return;
            }
            Current.Value = previous;
            if (previous is not null && previous.Closed(closing.End)) previous.Tracker.Publish(previous);
        }
    }
}
