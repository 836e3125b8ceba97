using PhotonicKit.Circuit.Diagnostics;

namespace PhotonicKit.Tests.Tool;

/// <summary>The progress of a run: nested parts give the share of the work done, and the bar shows only on a terminal.</summary>
public class ProgressTests
{
    private static List<ProgressUpdate> Track(Action work)
    {
        var updates = new List<ProgressUpdate>();
        var tracker = new WorkProgress(updates.Add);
        using (tracker.Track()) work();
        return updates;
    }

    [Fact]
    public void NestedPartsGiveTheShareOfTheWholeRun()
    {
        var updates = Track(() =>
        {
            using var analyses = Work.Part(null, 4);
            using (Work.Part("a0", 1)) { }                      // an analysis that reports nothing: 1/4 when it closes
            using (Work.Part("a1 sweep", 1))
            {
                using var values = Work.Part(null, 2);
                using (Work.Part("v = 1", 1))
                {
                    using var engine = Work.Part("engine", 100);
                    Work.Advance(50);                               // half of the first of two values of the second of four
                }
            }
        });
        Assert.Contains(updates, u => u.Stage == "a0" && u.Fraction == 0);
        var half = updates.Single(u => u.Stage == "a1 sweep · v = 1 · engine" && u.Fraction > 0.25 && u.Fraction < 0.5);
        Assert.Equal(0.25 + 0.25 * 0.5 * 0.5, half.Fraction, 12);
        Assert.Contains(updates, u => u.Stage == "" && Math.Abs(u.Fraction - 0.5) < 1e-12); // two of four analyses done
        Assert.Equal(1.0, updates[^1].Fraction, 12);                // closing the run completes it
        Assert.True(updates.Zip(updates.Skip(1)).All(p => p.Second.Fraction >= p.First.Fraction), "the fraction never decreases");
    }

    [Fact]
    public void AnOpenEndedPartKeepsMovingHoweverManyPartsFollowInIt()
    {
        // An analysis does not know how many engine passes it makes: each takes 90 % of what is left of it.
        var updates = Track(() =>
        {
            using var analyses = Work.Part(null, 2);
            using (Work.OpenPart("a0"))
                for (int pass = 0; pass < 3; pass++)
                {
                    using var engine = Work.Part("engine", 10);
                    Work.Advance(5);
                }
        });
        var ends = updates.Where(u => u.Stage == "a0").Select(u => u.Fraction).Distinct().ToArray();
        // After each pass: half of the analysis' share (one of two analyses) times 0.9, 0.99, 0.999.
        Assert.Equal([0, 0.45, 0.495, 0.4995], ends.Select(f => Math.Round(f, 12)));
        var midway = updates.Where(u => u.Stage == "a0 · engine").Select(u => u.Fraction).ToArray();
        Assert.Equal(0.5 * 0.9 * 0.5, midway[1], 12);                     // half of the first pass
        Assert.Equal(0.45 + 0.5 * 0.09 * 0.5, midway[3], 12);             // half of the second
        Assert.Equal(0.5, updates[^2].Fraction, 12);                     // closing the analysis completes its share
        Assert.Equal(1.0, updates[^1].Fraction, 12);                     // and closing the run the run
    }

    [Fact]
    public void AdvancesFromParallelWorkersAddUpAndOverrunsAreClipped()
    {
        var updates = Track(() =>
        {
            using var part = Work.Part("parallel", 10_000);
            Parallel.For(0, 10_000, _ => Work.Advance());
        });
        Assert.Equal(1.0, updates[^1].Fraction, 12);
        Assert.All(updates, u => Assert.InRange(u.Fraction, 0, 1));

        var over = Track(() =>
        {
            using var part = Work.Part("over", 2);
            Work.Advance(5);
            using (Work.Part("after the end", 1)) Work.Advance(1);
        });
        Assert.All(over, u => Assert.InRange(u.Fraction, 0, 1));
    }

    [Fact]
    public void WithoutATrackerReportingDoesNothingAndADisplayThatFailsDoesNotStopTheWork()
    {
        using (Work.Part("nobody listens", 3)) Work.Advance(2);

        int calls = 0;
        var tracker = new WorkProgress(_ => { calls++; throw new InvalidOperationException("display broke"); });
        int done = 0;
        using (tracker.Track())
        using (Work.Part("work", 3))
            for (int i = 0; i < 3; i++) { Work.Advance(); done++; }
        Assert.Equal(3, done);
        Assert.Equal(1, calls);
    }

    [Fact]
    public void TheBarIsDrawnOnATerminalOnlyAndClearedSoTheResultsAreTheSame()
    {
        using var h = new ToolHarness();
        string file = h.Write("sweep.yaml", """
            photonickit: 1
            wavelength_nm: 1550
            instances:
              bs: beam_splitter
            ports: {a: "bs,in0", b: "bs,in1", c: "bs,out0", d: "bs,out1"}
            analyses:
              - {type: sweep, parameter: bs.coupling, values: {start: 0.1, stop: 0.9, points: 30}, analysis: {type: transmission}}
            """);
        var (code, _, err) = h.Run("run", file, "--json", h.PathOf("pipe.json"));
        Assert.Equal(0, code);
        Assert.DoesNotContain("%", err);
        Assert.DoesNotContain("analyses[0] sweep", err);

        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int terminalCode = PhotonicKit.Tool.Program.Invoke(["run", file, "--json", h.PathOf("terminal.json")], stdout, stderr, errorIsTerminal: true);
        Assert.Equal(0, terminalCode);
        Assert.Contains("\u001b[?25l", stderr.ToString());          // the live display took the terminal's cursor
        Assert.Equal(File.ReadAllText(h.PathOf("pipe.json")), File.ReadAllText(h.PathOf("terminal.json")));

        var quietErr = new StringWriter();
        Assert.Equal(0, PhotonicKit.Tool.Program.Invoke(["run", file, "--quiet"], new StringWriter(), quietErr, errorIsTerminal: true));
        Assert.Equal("", quietErr.ToString());
    }

    [Fact]
    public void TheBarShowsTheStagesThePercentageAndTheTimeLeft()
    {
        var stderr = new StringWriter();
        var console = new PhotonicKit.Tool.ToolConsole(new StringWriter(), stderr, errorIsTerminal: true);
        int result = PhotonicKit.Tool.ProgressDisplay.Run(console, show: true, () =>
        {
            using var analyses = Work.Part(null, 2);
            using (Work.Part("analyses[0] sweep", 1))
            using (Work.Part("bs.coupling = 0.5 (1/2)", 1))
            {
                Work.Advance(0.5);
                Thread.Sleep(400); // the display refreshes every 100 ms
            }
            return 42;
        });
        Assert.Equal(42, result);
        string shown = stderr.ToString();
        Assert.Contains("analyses[0] sweep · bs.coupling = 0.5 (1/2)", shown);
        Assert.Matches(@"\d+%", shown);
        Assert.Matches(@"\d\d:\d\d:\d\d", shown);
    }

    [Fact]
    public void ALongStageKeepsItsInnermostPart() =>
        Assert.Equal("…" + new string('b', 43), PhotonicKit.Tool.ProgressDisplay.Shorten(new string('a', 30) + new string('b', 43)));
}
