using PhotonicKit.Circuit.Diagnostics;
using Spectre.Console;

namespace PhotonicKit.Tool;

/// <summary>
/// The progress bar of a run on stderr: the stage (analysis, sweep value, engine step), the share of the work done,
/// the time spent and the time left. Only on a terminal and without <c>--quiet</c> (spec §6); cleared when the work
/// ends, so that warnings and the summary follow as without it.
/// </summary>
internal static class ProgressDisplay
{
    /// <summary>Steps of the bar: the fraction is shown to 0.1 %.</summary>
    private const double Steps = 1000;

    /// <summary>Runs <paramref name="work"/>, with the bar when <paramref name="show"/>.</summary>
    public static T Run<T>(ToolConsole console, bool show, Func<T> work)
    {
        if (!show) return work();
        var terminal = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(console.Error),
            Ansi = AnsiSupport.Detect,
            ColorSystem = ColorSystemSupport.Detect,
            Interactive = InteractionSupport.Yes,
        });
        // Without cursor movement the bar cannot be redrawn in place or cleared: no bar then.
        if (!terminal.Profile.Capabilities.Ansi) return work();
        return terminal.Progress()
            .AutoClear(true)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn { Width = 20 }, new PercentageColumn(),
                new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(context =>
            {
                var task = context.AddTask("starting", maxValue: Steps);
                var tracker = new WorkProgress(update =>
                {
                    task.Value = update.Fraction * Steps;
                    task.Description = Markup.Escape(Shorten(update.Stage.Length == 0 ? "computing" : update.Stage));
                });
                using (tracker.Track()) return work();
            });
    }

    /// <summary>The stage text kept to one line of a narrow terminal: the innermost stages win.</summary>
    internal static string Shorten(string stage, int width = 44) =>
        stage.Length <= width ? stage : "…" + stage[^(width - 1)..];
}
