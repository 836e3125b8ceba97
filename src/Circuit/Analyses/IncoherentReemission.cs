using System.Numerics;
using PhotonicKit.Circuit.Netlist;
using PhotonicKit.Components;
using PhotonicKit.Components.Sources;
using MathNet.Numerics.LinearAlgebra;
using Vector = MathNet.Numerics.LinearAlgebra.Vector<System.Numerics.Complex>;
using RealVector = MathNet.Numerics.LinearAlgebra.Vector<double>;

namespace PhotonicKit.Circuit.Analyses;

internal static partial class PhotonTransfer
{
    private sealed partial class ReducedNetwork
    {
        /// <summary>
        /// [wavelength][q, p]: the amplitude arriving at terminal q per unit amplitude leaving terminal p through the rest of
        /// the circuit (terminals are ports of removed instances: sources, detectors, scatterers). Two terminals connected
        /// directly give 1; an unconnected or exported terminal neither sends nor receives.
        /// </summary>
        public Complex[][,] TerminalTransfer(PhotonSource source, double[] wavelengthsNm, IReadOnlyList<InstancePort> terminals)
        {
            SMatrixSweep? s = _ports.Count > 0 && _reduced.Instances.Count > 0 ? Solve(source, wavelengthsNm) : null;
            int n = terminals.Count;
            var result = new Complex[wavelengthsNm.Length][,];
            for (int k = 0; k < wavelengthsNm.Length; k++) result[k] = new Complex[n, n];
            for (int p = 0; p < n; p++)
            {
                if (!_neighbour.TryGetValue(terminals[p], out var from)) continue;
                for (int q = 0; q < n; q++)
                {
                    if (!_neighbour.TryGetValue(terminals[q], out var to)) continue;
                    if (from == terminals[q])
                    {
                        for (int k = 0; k < wavelengthsNm.Length; k++) result[k][q, p] = 1;
                        continue;
                    }
                    if (s is null || _newIndex[from.Instance] < 0 || _newIndex[to.Instance] < 0) continue;
                    int i = _ports.IndexOf(Map(from)), o = _ports.IndexOf(Map(to));
                    if (i < 0 || o < 0) continue;
                    for (int k = 0; k < wavelengthsNm.Length; k++) result[k][q, p] = s[k, o, i];
                }
            }
            return result;
        }
    }

    /// <summary>
    /// The light that the quantum dots which are not sources scatter incoherently (<see cref="IncoherentScattering"/>), followed
    /// through the circuit to the detectors.
    /// </summary>
    /// <remarks>
    /// <para>
    /// The circuit is cut at the ports of every dot that scatters incoherently (γ* &gt; 0 or spectral diffusion): G[q, p] is the
    /// coherent transfer between the ports ("terminals") of the source, the detectors and these dots through everything else,
    /// and the dots' own mean-field S-matrices S_D close it again, so the field incident on the dots is
    /// b = (I − G_DD S_D)⁻¹(G_DS s + G_DD e) for light s leaving the source and e leaving the dots. A dot driven by
    /// g = √Γ_R b_left + √Γ_L b_right emits incoherently (Γ_mode/Γ)|g|²·e into the guide, as the superposition
    /// √(Γ_L/Γ_mode)·left + √(Γ_R/Γ_mode)·right, with a random phase relative to everything else, so powers add.
    /// </para>
    /// <para>
    /// Two kinds of incoherent light: that of pure dephasing has the dot's own line (the dot's zero-phonon quadrature, its Voigt
    /// profile with spectral diffusion); that of spectral diffusion (the scattering of each line centre beyond the mean field)
    /// keeps the frequency of the light that drove it. Per frequency the second kind is a linear system over the dots
    /// (y = y₀ + K_σ y); the first gives one unknown per dot, X = X₀ + M X, M[f, e] the dephasing-incoherent light dot f
    /// makes per unit of dot e's (integrated over e's line). The detectors then receive Q·X, Q = A(I − M)⁻¹, A[d, e] the
    /// power at detector d per unit of dot e's dephasing-incoherent emission (with its own diffusion part).
    /// </para>
    /// <para>
    /// Re-emitted light that returns to the dot that emitted it is scattered by that dot as a new pass whose power adds
    /// (it does not interfere with the dot's ongoing emission; see <c>Kernel.UnitEmission</c>). With that, every dot
    /// balances locally (incident = mean-field scattered + incoherent + lost) and a lossless circuit conserves flux exactly.
    /// </para>
    /// </remarks>
    internal sealed class IncoherentReemission
    {
        private readonly ReducedNetwork _network;
        private readonly IReadOnlyList<PhotonDetector> _detectors;
        private readonly (int Index, string Name, EmitterDescription Emitter)[] _dots;
        private readonly (double MinNm, double MaxNm) _validRangeNm;
        private readonly FlatCircuit _circuit;

        private IncoherentReemission(FlatCircuit circuit, IReadOnlyList<PhotonSource> sources, IReadOnlyList<PhotonDetector> detectors,
            (int, string, EmitterDescription)[] dots, (double, double) validRangeNm)
        {
            _circuit = circuit;
            _detectors = detectors;
            _dots = dots;
            _validRangeNm = validRangeNm;
            _network = new ReducedNetwork(circuit, sources, detectors, dots.Select(d => d.Item1).ToArray());
        }

        /// <summary>The dots that scatter incoherently, by name.</summary>
        public IReadOnlyList<string> DotNames => _dots.Select(d => d.Name).ToArray();

        /// <summary>The model for this circuit, or null when no quantum_dot that is not a source scatters incoherently.</summary>
        public static IncoherentReemission? For(FlatCircuit circuit, IReadOnlyList<PhotonSource> sources, IReadOnlyList<PhotonDetector> detectors,
            (double MinNm, double MaxNm) validRangeNm)
        {
            var listed = new HashSet<int>(sources.Select(s => s.Index));
            var dots = new List<(int, string, EmitterDescription)>();
            for (int i = 0; i < circuit.Instances.Count; i++)
                if (!listed.Contains(i) && circuit.Instances[i].Component is IEmitterComponent { Emitter: { ScattersIncoherently: true } e })
                    dots.Add((i, circuit.Instances[i].Name, e));
            return dots.Count == 0 ? null : new IncoherentReemission(circuit, sources, detectors, dots.ToArray(), validRangeNm);
        }

        /// <summary>
        /// [wavelength][detector]: the incoherently scattered power reaching each detector (before its efficiency) per photon
        /// that leaves <paramref name="source"/> at that wavelength (its ports in the shares of its collection), every
        /// re-emission and re-scattering included.
        /// </summary>
        public double[][] DetectorPowers(PhotonSource source, double[] wavelengthsNm)
        {
            var terminals = Terminals(source, out int sourceCount);
            var q = ReemittedToDetectors(source, terminals, sourceCount);
            var g = _network.TerminalTransfer(source, wavelengthsNm, terminals);
            var blocks = _dots.Select(d => _circuit.Instances[d.Index].Component.Evaluate(wavelengthsNm)).ToArray();
            var shares = SourceShares(source);
            var result = new double[wavelengthsNm.Length][];
            for (int k = 0; k < wavelengthsNm.Length; k++)
            {
                var kernel = new Kernel(this, g[k], blocks, k, wavelengthsNm[k], sourceCount);
                var incident = kernel.IncidentFromSource(shares);
                var (sigma, phi) = kernel.Generation(incident);
                var (detector, dephasing) = kernel.Cascade(sigma, phi);
                var powers = new double[_detectors.Count];
                for (int d = 0; d < powers.Length; d++)
                {
                    double sum = detector[d];
                    for (int e = 0; e < _dots.Length; e++) sum += q[d, e] * dephasing[e];
                    powers[d] = Math.Max(0, sum);
                }
                result[k] = powers;
            }
            return result;
        }

        /// <summary>Source ports (of the emitting source and of every other listed source, which absorb), detectors, dot ports.</summary>
        private List<InstancePort> Terminals(PhotonSource source, out int sourceCount)
        {
            var terminals = new List<InstancePort>();
            var component = _circuit.Instances[source.Index].Component;
            for (int p = 0; p < component.Ports.Count; p++) terminals.Add(new InstancePort(source.Index, p));
            sourceCount = terminals.Count;
            foreach (var d in _detectors) terminals.Add(new InstancePort(d.Index, 0));
            foreach (var dot in _dots)
                for (int p = 0; p < 2; p++) terminals.Add(new InstancePort(dot.Index, p));
            return terminals;
        }

        private double[] SourceShares(PhotonSource source)
        {
            var component = _circuit.Instances[source.Index].Component;
            double total = source.Figures.CollectionEfficiencyByPort.Values.Sum();
            var amplitudes = new double[component.Ports.Count];
            for (int p = 0; p < amplitudes.Length; p++)
                amplitudes[p] = total > 0 ? Math.Sqrt(source.Figures.CollectionEfficiencyByPort.GetValueOrDefault(component.Ports[p]) / total) : 0;
            return amplitudes;
        }

        /// <summary>Q = A(I − M)⁻¹: power at each detector per unit of each dot's dephasing-incoherent emission, all later generations included.</summary>
        private double[,] ReemittedToDetectors(PhotonSource source, List<InstancePort> terminals, int sourceCount)
        {
            int m = _dots.Length, dCount = _detectors.Count;
            var a = Matrix<double>.Build.Dense(dCount, m);
            var mm = Matrix<double>.Build.Dense(m, m);
            for (int e = 0; e < m; e++)
            {
                if (!(_dots[e].Emitter.PureDephasingPerNs > 0)) continue;
                var (wavelengths, weights) = Line(_dots[e].Emitter);
                var g = _network.TerminalTransfer(source, wavelengths, terminals);
                var blocks = _dots.Select(d => _circuit.Instances[d.Index].Component.Evaluate(wavelengths)).ToArray();
                for (int j = 0; j < wavelengths.Length; j++)
                {
                    var kernel = new Kernel(this, g[j], blocks, j, wavelengths[j], sourceCount);
                    var (direct, sigma, phi) = kernel.UnitEmission(e);
                    var (detector, dephasing) = kernel.Cascade(sigma, phi);
                    for (int d = 0; d < dCount; d++) a[d, e] += weights[j] * (direct[d] + detector[d]);
                    for (int f = 0; f < m; f++) mm[f, e] += weights[j] * dephasing[f];
                }
            }
            var inverse = (Matrix<double>.Build.DenseIdentity(m) - mm).Inverse();
            var q = a * inverse;
            var result = new double[dCount, m];
            for (int d = 0; d < dCount; d++)
                for (int e = 0; e < m; e++)
                {
                    if (!double.IsFinite(q[d, e]))
                        throw new InvalidOperationException($"the light the dots {string.Join(", ", DotNames)} re-emit incoherently does not decay in this circuit (a lossless loop): its power cannot be solved");
                    result[d, e] = q[d, e];
                }
            return result;
        }

        /// <summary>The dot's line (its zero-phonon quadrature, weights summing to 1).</summary>
        private (double[] WavelengthsNm, double[] Weights) Line(EmitterDescription emitter)
        {
            var (grid, weights) = ZeroPhononQuadrature(emitter.Spectrum(), _validRangeNm);
            if (grid is null) return ([emitter.WavelengthNm], [1.0]);
            double total = weights.Sum();
            return (grid.WavelengthsNm, weights.Select(w => w / total).ToArray());
        }

        /// <summary>The circuit at one wavelength, cut at the dots and closed by their mean-field S-matrices.</summary>
        private readonly struct Kernel
        {
            private readonly IncoherentReemission _owner;
            private readonly Complex[,] _g;
            private readonly Matrix<Complex> _closure; // (I − G_DD S_D)⁻¹
            private readonly Complex[][] _dotS;        // [dot] 2×2 row-major S of the dot
            private readonly double[] _sigmaPerDrive, _phiPerDrive; // guided incoherent emission per |ĝ|²
            private readonly int _sourceCount, _dotStart;

            public Kernel(IncoherentReemission owner, Complex[,] g, SMatrixSweep[] blocks, int k, double wavelengthNm, int sourceCount)
            {
                _owner = owner;
                _g = g;
                _sourceCount = sourceCount;
                _dotStart = sourceCount + owner._detectors.Count;
                int m = owner._dots.Length;
                _dotS = new Complex[m][];
                _sigmaPerDrive = new double[m];
                _phiPerDrive = new double[m];
                var a = Matrix<Complex>.Build.DenseIdentity(2 * m);
                for (int f = 0; f < m; f++)
                {
                    _dotS[f] = [blocks[f][k, 0, 0], blocks[f][k, 0, 1], blocks[f][k, 1, 0], blocks[f][k, 1, 1]];
                    var e = owner._dots[f].Emitter;
                    var emission = e.GuidedIncoherentEmissionAt(wavelengthNm);
                    _sigmaPerDrive[f] = emission.DiffusionPerDrive;
                    _phiPerDrive[f] = emission.DephasingPerDrive;
                }
                // A = I − G_DD S_D: column (dot f, port p) of S_D feeds every dot terminal r through G.
                for (int r = 0; r < 2 * m; r++)
                    for (int f = 0; f < m; f++)
                        for (int pIn = 0; pIn < 2; pIn++)
                        {
                            Complex sum = Complex.Zero;
                            for (int pOut = 0; pOut < 2; pOut++) sum += g[_dotStart + r, _dotStart + 2 * f + pOut] * _dotS[f][2 * pOut + pIn];
                            a[r, 2 * f + pIn] -= sum;
                        }
                _closure = a.Inverse();
            }

            /// <summary>Field incident on the dot terminals for light <paramref name="shares"/> leaving the source's ports.</summary>
            public Complex[] IncidentFromSource(double[] shares)
            {
                int m2 = 2 * _owner._dots.Length;
                var c = Vector.Build.Dense(m2);
                for (int r = 0; r < m2; r++)
                    for (int p = 0; p < _sourceCount; p++) c[r] += _g[_dotStart + r, p] * shares[p];
                return (_closure * c).ToArray();
            }

            /// <summary>
            /// Unit guided emission of dot e: the power reaching each detector (coherently through the circuit and the other
            /// dots' mean fields), and the incoherent light it makes the dots emit (diffusion, dephasing). Light that comes back
            /// to e itself is scattered by e's mean field as a new pass whose power adds to the earlier ones: it does not
            /// interfere with e's ongoing emission (a loop back to the emitting dot longer than the coherence time 1/(Γ + 2γ*)
            /// of its incoherent light; a shorter one would change the dot's own decay, which the scatterer model leaves out).
            /// The passes v_{n+1} = A v_n sum as ρ = uu† + AρA† (2 × 2), so every dot's local balance, and the circuit's flux,
            /// hold exactly.
            /// </summary>
            public (double[] Detector, double[] Sigma, double[] Phi) UnitEmission(int e)
            {
                int m = _owner._dots.Length, m2 = 2 * m, dCount = _owner._detectors.Count;
                var emitter = _owner._dots[e].Emitter;
                // Closure with e open: (I − G_DD S_D') with e's block of S_D left out.
                var a = Matrix<Complex>.Build.DenseIdentity(m2);
                for (int r = 0; r < m2; r++)
                    for (int f = 0; f < m; f++)
                    {
                        if (f == e) continue;
                        for (int pIn = 0; pIn < 2; pIn++)
                        {
                            Complex sum = Complex.Zero;
                            for (int pOut = 0; pOut < 2; pOut++) sum += _g[_dotStart + r, _dotStart + 2 * f + pOut] * _dotS[f][2 * pOut + pIn];
                            a[r, 2 * f + pIn] -= sum;
                        }
                    }
                var closure = a.Inverse();
                // Linear maps of one pass from the vector v leaving e's ports (2 columns: left, right).
                var detectorMap = new Complex[dCount, 2];
                var incidentMap = new Complex[m2, 2];
                for (int col = 0; col < 2; col++)
                {
                    var leaving = new Complex[m2];
                    leaving[2 * e + col] = 1;
                    var c = Vector.Build.Dense(m2);
                    for (int r = 0; r < m2; r++) c[r] = _g[_dotStart + r, _dotStart + 2 * e + col];
                    var incident = (closure * c).ToArray();
                    var outgoing = leaving;
                    for (int f = 0; f < m; f++)
                    {
                        if (f == e) continue;
                        for (int pOut = 0; pOut < 2; pOut++)
                            for (int pIn = 0; pIn < 2; pIn++) outgoing[2 * f + pOut] += _dotS[f][2 * pOut + pIn] * incident[2 * f + pIn];
                    }
                    for (int d = 0; d < dCount; d++)
                    {
                        Complex sum = Complex.Zero;
                        for (int t = 0; t < m2; t++) sum += _g[_sourceCount + d, _dotStart + t] * outgoing[t];
                        detectorMap[d, col] = sum;
                    }
                    for (int r = 0; r < m2; r++) incidentMap[r, col] = incident[r];
                }
                // Next pass: e's mean field scatters what came back to it.
                var next = new Complex[2, 2];
                for (int pOut = 0; pOut < 2; pOut++)
                    for (int col = 0; col < 2; col++)
                        for (int pIn = 0; pIn < 2; pIn++) next[pOut, col] += _dotS[e][2 * pOut + pIn] * incidentMap[2 * e + pIn, col];
                // ρ = uu† + AρA†, vec(ρ) = (I − A ⊗ conj A)⁻¹ vec(uu†).
                Complex[] u = [Math.Sqrt(1 - emitter.BetaRightFraction), Math.Sqrt(emitter.BetaRightFraction)];
                var stein = Matrix<Complex>.Build.DenseIdentity(4);
                var source = Vector.Build.Dense(4);
                for (int i = 0; i < 2; i++)
                    for (int j = 0; j < 2; j++)
                    {
                        source[2 * i + j] = u[i] * Complex.Conjugate(u[j]);
                        for (int k = 0; k < 2; k++)
                            for (int l = 0; l < 2; l++) stein[2 * i + j, 2 * k + l] -= next[i, k] * Complex.Conjugate(next[j, l]);
                    }
                var rhoVec = stein.Solve(source);
                var rho = new Complex[2, 2];
                for (int i = 0; i < 2; i++)
                    for (int j = 0; j < 2; j++) rho[i, j] = rhoVec[2 * i + j];
                double Quadratic(Func<int, Complex> row)
                {
                    Complex sum = Complex.Zero;
                    for (int i = 0; i < 2; i++)
                        for (int j = 0; j < 2; j++) sum += row(i) * rho[i, j] * Complex.Conjugate(row(j));
                    return Math.Max(0, sum.Real);
                }
                var detector = new double[dCount];
                for (int d = 0; d < dCount; d++) detector[d] = Quadratic(i => detectorMap[d, i]);
                var sigma = new double[m];
                var phi = new double[m];
                for (int f = 0; f < m; f++)
                {
                    var ef = _owner._dots[f].Emitter;
                    double power = Quadratic(i => Math.Sqrt(ef.BetaRightFraction) * incidentMap[2 * f, i] + Math.Sqrt(1 - ef.BetaRightFraction) * incidentMap[2 * f + 1, i]);
                    sigma[f] = power * _sigmaPerDrive[f];
                    phi[f] = power * _phiPerDrive[f];
                }
                if (rhoVec.Any(x => !double.IsFinite(x.Real) || !double.IsFinite(x.Imaginary)))
                    throw new InvalidOperationException($"the light the dots {string.Join(", ", _owner.DotNames)} re-emit incoherently does not decay in this circuit (a lossless loop): its power cannot be solved");
                return (detector, sigma, phi);
            }

            /// <summary>Guided incoherent emission of each dot driven by <paramref name="incident"/> (diffusion part, dephasing part).</summary>
            public (double[] Sigma, double[] Phi) Generation(Complex[] incident)
            {
                int m = _owner._dots.Length;
                var sigma = new double[m];
                var phi = new double[m];
                for (int f = 0; f < m; f++)
                {
                    var e = _owner._dots[f].Emitter;
                    Complex drive = Math.Sqrt(e.BetaRightFraction) * incident[2 * f] + Math.Sqrt(1 - e.BetaRightFraction) * incident[2 * f + 1];
                    double power = (drive * Complex.Conjugate(drive)).Real;
                    sigma[f] = power * _sigmaPerDrive[f];
                    phi[f] = power * _phiPerDrive[f];
                }
                return (sigma, phi);
            }

            /// <summary>
            /// Follows diffusion-incoherent emission <paramref name="sigma"/> (at this wavelength) through its re-scattering,
            /// y = σ + K_σ y: the power it brings to the detectors, and all dephasing-incoherent emission it and the drive make
            /// (<paramref name="phi"/> + K_φ y).
            /// </summary>
            public (double[] Detector, double[] Dephasing) Cascade(double[] sigma, double[] phi)
            {
                int m = _owner._dots.Length, dCount = _owner._detectors.Count;
                var detector = new double[dCount];
                var dephasing = (double[])phi.Clone();
                if (sigma.All(x => x == 0)) return (detector, dephasing);
                var kSigma = Matrix<double>.Build.Dense(m, m);
                var kPhi = Matrix<double>.Build.Dense(m, m);
                var toDetector = Matrix<double>.Build.Dense(dCount, m);
                for (int d = 0; d < m; d++)
                {
                    if (!(_owner._dots[d].Emitter.SpectralDiffusionGhz > 0)) continue;
                    var (direct, s, p) = UnitEmission(d);
                    for (int f = 0; f < m; f++) { kSigma[f, d] = s[f]; kPhi[f, d] = p[f]; }
                    for (int k = 0; k < dCount; k++) toDetector[k, d] = direct[k];
                }
                var y = (Matrix<double>.Build.DenseIdentity(m) - kSigma).Solve(RealVector.Build.DenseOfArray(sigma));
                var atDetectors = toDetector * y;
                var made = kPhi * y;
                for (int k = 0; k < dCount; k++) detector[k] = atDetectors[k];
                for (int f = 0; f < m; f++) dephasing[f] += made[f];
                return (detector, dephasing);
            }
        }
    }
}
