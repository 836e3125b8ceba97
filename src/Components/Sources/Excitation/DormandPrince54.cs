namespace PhotonicKit.Components.Sources.Excitation;

/// <summary>A system of real first-order ordinary differential equations dy/dt = f(t, y).</summary>
internal interface IOdeSystem
{
    /// <summary>Number of real components of the state.</summary>
    int Dimension { get; }

    /// <summary>Writes f(t, y) into <paramref name="derivative"/>; must not allocate.</summary>
    void Derivative(double t, ReadOnlySpan<double> state, Span<double> derivative);
}

/// <summary>
/// Adaptive explicit Runge–Kutta integrator of order 5 with an embedded order-4 error estimate
/// (Dormand &amp; Prince, J. Comput. Appl. Math. 6, 19 (1980); coefficients as in Hairer, Nørsett &amp; Wanner,
/// Solving Ordinary Differential Equations I, Table 5.2). The local error of component i is measured against
/// <c>relativeTolerance × max(|y_i|, |y_new,i|, scale_i)</c> with a caller-given magnitude scale_i (typically the
/// largest |y_i| over the interval, from a coarse first pass), so each component is controlled relative to its
/// own size and not to round-off-level values in the far tails of a drive.
/// </summary>
internal static class DormandPrince54
{
    private const double C2 = 1.0 / 5, C3 = 3.0 / 10, C4 = 4.0 / 5, C5 = 8.0 / 9;
    private const double A21 = 1.0 / 5;
    private const double A31 = 3.0 / 40, A32 = 9.0 / 40;
    private const double A41 = 44.0 / 45, A42 = -56.0 / 15, A43 = 32.0 / 9;
    private const double A51 = 19372.0 / 6561, A52 = -25360.0 / 2187, A53 = 64448.0 / 6561, A54 = -212.0 / 729;
    private const double A61 = 9017.0 / 3168, A62 = -355.0 / 33, A63 = 46732.0 / 5247, A64 = 49.0 / 176, A65 = -5103.0 / 18656;
    private const double B1 = 35.0 / 384, B3 = 500.0 / 1113, B4 = 125.0 / 192, B5 = -2187.0 / 6784, B6 = 11.0 / 84;
    // Fifth-order minus embedded fourth-order weights.
    private const double E1 = 71.0 / 57600, E3 = -71.0 / 16695, E4 = 71.0 / 1920, E5 = -17253.0 / 339200, E6 = 22.0 / 525, E7 = -1.0 / 40;

    /// <summary>Statistics of one integration.</summary>
    /// <param name="AcceptedSteps">Steps kept.</param>
    /// <param name="RejectedSteps">Steps retried with a smaller step.</param>
    internal readonly record struct Statistics(int AcceptedSteps, int RejectedSteps);

    /// <summary>
    /// Integrates <paramref name="state"/> in place from <paramref name="tStart"/> to <paramref name="tEnd"/>
    /// (tEnd &gt; tStart). <paramref name="componentScales"/> gives each component's magnitude scale; the largest
    /// |y_i| met is written to <paramref name="peaks"/>. Throws <see cref="InvalidOperationException"/> if the step
    /// budget is exhausted or the state stops being finite.
    /// </summary>
    internal static Statistics Integrate<TSystem>(ref TSystem system, double tStart, double tEnd, Span<double> state,
        double relativeTolerance, ReadOnlySpan<double> componentScales, Span<double> peaks, double initialStep, int maxSteps = 2_000_000)
        where TSystem : struct, IOdeSystem
    {
        int n = system.Dimension;
        if (state.Length != n) throw new ArgumentException($"state has {state.Length} components, the system {n}", nameof(state));
        if (componentScales.Length != n) throw new ArgumentException($"{componentScales.Length} scales for {n} components", nameof(componentScales));
        if (peaks.Length != n) throw new ArgumentException($"{peaks.Length} peaks for {n} components", nameof(peaks));
        double[] rented = System.Buffers.ArrayPool<double>.Shared.Rent(9 * n);
        try
        {
            Span<double> work = rented.AsSpan(0, 9 * n);
            Span<double> k1 = work[..n], k2 = work.Slice(n, n), k3 = work.Slice(2 * n, n), k4 = work.Slice(3 * n, n);
            Span<double> k5 = work.Slice(4 * n, n), k6 = work.Slice(5 * n, n), k7 = work.Slice(6 * n, n);
            Span<double> trial = work.Slice(7 * n, n), next = work.Slice(8 * n, n), peak = peaks;
            for (int i = 0; i < n; i++) peak[i] = Math.Abs(state[i]);

            double t = tStart;
            double h = Math.Min(initialStep, tEnd - tStart);
            system.Derivative(t, state, k1);
            int accepted = 0, rejected = 0;
            while (t < tEnd)
            {
                if (accepted + rejected >= maxSteps)
                    throw new InvalidOperationException($"ODE integration needed more than {maxSteps} steps (t = {t} of {tEnd})");
                bool last = t + h >= tEnd;
                if (last) h = tEnd - t;

                for (int i = 0; i < n; i++) trial[i] = state[i] + h * A21 * k1[i];
                system.Derivative(t + C2 * h, trial, k2);
                for (int i = 0; i < n; i++) trial[i] = state[i] + h * (A31 * k1[i] + A32 * k2[i]);
                system.Derivative(t + C3 * h, trial, k3);
                for (int i = 0; i < n; i++) trial[i] = state[i] + h * (A41 * k1[i] + A42 * k2[i] + A43 * k3[i]);
                system.Derivative(t + C4 * h, trial, k4);
                for (int i = 0; i < n; i++) trial[i] = state[i] + h * (A51 * k1[i] + A52 * k2[i] + A53 * k3[i] + A54 * k4[i]);
                system.Derivative(t + C5 * h, trial, k5);
                for (int i = 0; i < n; i++) trial[i] = state[i] + h * (A61 * k1[i] + A62 * k2[i] + A63 * k3[i] + A64 * k4[i] + A65 * k5[i]);
                double tNext = last ? tEnd : t + h;
                system.Derivative(tNext, trial, k6);
                for (int i = 0; i < n; i++) next[i] = state[i] + h * (B1 * k1[i] + B3 * k3[i] + B4 * k4[i] + B5 * k5[i] + B6 * k6[i]);
                system.Derivative(tNext, next, k7);

                double sumSquares = 0;
                for (int i = 0; i < n; i++)
                {
                    double error = h * (E1 * k1[i] + E3 * k3[i] + E4 * k4[i] + E5 * k5[i] + E6 * k6[i] + E7 * k7[i]);
                    double scale = relativeTolerance * Math.Max(Math.Max(Math.Abs(state[i]), Math.Abs(next[i])), componentScales[i]);
                    double ratio = error / scale;
                    sumSquares += ratio * ratio;
                }
                double errorNorm = Math.Sqrt(sumSquares / n);
                if (!double.IsFinite(errorNorm))
                    throw new InvalidOperationException($"ODE integration produced a non-finite state at t = {t}");

                if (errorNorm <= 1)
                {
                    t = tNext;
                    next.CopyTo(state);
                    k7.CopyTo(k1);
                    for (int i = 0; i < n; i++) peak[i] = Math.Max(peak[i], Math.Abs(state[i]));
                    accepted++;
                    double grow = errorNorm == 0 ? 5 : Math.Min(5, 0.9 * Math.Pow(errorNorm, -0.2));
                    h *= Math.Max(1, grow);
                }
                else
                {
                    rejected++;
                    h *= Math.Max(0.2, 0.9 * Math.Pow(errorNorm, -0.2));
                }
            }
            return new Statistics(accepted, rejected);
        }
        finally
        {
            System.Buffers.ArrayPool<double>.Shared.Return(rented);
        }
    }
}
