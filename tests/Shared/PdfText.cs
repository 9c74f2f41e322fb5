using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace PartyCardIntake.Tests.Shared;

/// <summary>
/// The text of a PDF as poppler's pdftotext reads it (what a search or a screen reader would get), with
/// runs of white space folded to one space so that table layout does not matter.
/// </summary>
public static partial class PdfText
{
    public static async Task<string> ExtractAsync(byte[] pdf)
    {
        ArgumentNullException.ThrowIfNull(pdf);
        // Plain exceptions, not assertions: the benchmarks share this folder without an assertion library.
        if (Encoding.ASCII.GetString(pdf, 0, Math.Min(5, pdf.Length)) != "%PDF-")
        {
            throw new InvalidOperationException("Not a PDF document: it does not start with %PDF-.");
        }

        var file = Path.Combine(Path.GetTempPath(), $"pci-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(file, pdf);
        try
        {
            using var process = Process.Start(new ProcessStartInfo("pdftotext", ["-layout", "-enc", "UTF-8", file, "-"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                StandardOutputEncoding = Encoding.UTF8,
            }) ?? throw new InvalidOperationException("pdftotext did not start (apt-get install poppler-utils).");
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"pdftotext failed ({process.ExitCode}): {await error}");
            }

            return Spaces().Replace(await output, " ");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
