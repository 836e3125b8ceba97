namespace PhotonicKit.Tool;

internal static class Program
{
    private static int Main(string[] args) => 0;
}
