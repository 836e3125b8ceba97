namespace PhotonicKit.Circuit.Netlist;

/// <summary>"Did you mean" for misspelt names: the closest candidate by optimal-string-alignment distance
/// (Damerau–Levenshtein with adjacent transpositions), when it is close enough to be a likely typo.</summary>
public static class Suggestions
{
    /// <summary>Optimal-string-alignment distance between <paramref name="a"/> and <paramref name="b"/>
    /// (insertions, deletions, substitutions and swaps of adjacent characters, each costing 1).</summary>
    public static int Distance(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++) d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                int v = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    v = Math.Min(v, d[i - 2, j - 2] + 1);
                d[i, j] = v;
            }
        return d[a.Length, b.Length];
    }

    /// <summary>The candidate closest to <paramref name="name"/> (ignoring case), or null when none is within
    /// max(1, min(3, length/3)) edits; ties go to the earlier candidate.</summary>
    public static string? Closest(string name, IEnumerable<string> candidates)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(candidates);
        string lower = name.ToLowerInvariant();
        int limit = Math.Max(1, Math.Min(3, name.Length / 3));
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (var c in candidates)
        {
            if (c == name) continue;
            int dist = Distance(lower, c.ToLowerInvariant());
            if (dist < bestDistance)
            {
                best = c;
                bestDistance = dist;
            }
        }
        return bestDistance <= limit ? best : null;
    }

    /// <summary>" (did you mean 'x'?)" when a candidate is close, else every candidate once: " (LABEL: a, b, c)".</summary>
    public static string HintOrList(string name, IEnumerable<string> candidates, string label)
    {
        var list = candidates.Distinct().ToList();
        var closest = Closest(name, list);
        return closest is not null ? $" (did you mean '{closest}'?)" : $" ({label}: {string.Join(", ", list)})";
    }

    /// <summary>" (did you mean 'x'?)" for the closest candidate, else " (expected one of: a, b, …)" when
    /// there are few candidates, else "".</summary>
    public static string Hint(string name, IEnumerable<string> candidates)
    {
        var list = candidates.Distinct().ToList();
        var closest = Closest(name, list);
        if (closest is not null) return $" (did you mean '{closest}'?)";
        if (list.Count == 0) return "";
        if (list.Count <= 12) return $" (expected one of: {string.Join(", ", list)})";
        return "";
    }
}
