using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Web.Resources;

namespace PartyCardIntake.Web.Features.Members;

/// <summary>
/// Writes a member's subject-access export as a ZIP straight to the response: README.txt, member.json,
/// applications.json, registry-checks.json, worklist.json, schedule.json, events.json, audit.json, and the photos,
/// signatures and pen strokes still held. Images are read one record at a time while the archive is written, and
/// what is written goes out after each record, so the server holds at most one record's files.
/// </summary>
public sealed class MemberExport(IDbContextFactory<AppDbContext> factory, FieldMode.CaptureMediaProtector protector)
{
    public const string Readme = "README.txt";
    public const string MemberFile = "member.json";
    public const string ApplicationsFile = "applications.json";
    public const string ChecksFile = "registry-checks.json";
    public const string WorklistFile = "worklist.json";
    public const string ScheduleFile = "schedule.json";
    public const string EventsFile = "events.json";
    public const string AuditFile = "audit.json";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,

        // Vietnamese names stay readable in the file instead of becoming \u escapes.
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    public static string PhotoFile(Guid applicationId) => $"photos/{applicationId}.jpg";

    public static string SignatureFile(Guid applicationId) => $"signatures/{applicationId}.png";

    public static string StrokesFile(Guid applicationId) => $"signatures/{applicationId}-strokes.json";

    /// <summary>Named by member id and date only: a file name travels in logs and download lists.</summary>
    public static string FileName(int memberId, DateOnly day) =>
        string.Create(CultureInfo.InvariantCulture, $"du-lieu-ca-nhan-{memberId}-{day:yyyyMMdd}.zip");

    public async Task WriteAsync(Stream output, MemberExportData data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(data);
        using var chunks = new ChunkedOutput();
        using (var zip = new ZipArchive(chunks, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: Encoding.UTF8))
        {
            var readme = string.Format(Ui.Culture, Ui.MemberExport_Readme, data.Member.MemberId, data.Member.ExportedAt.ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture));
            Add(zip, Readme, Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(readme.ReplaceLineEndings("\r\n"))).ToArray(), CompressionLevel.Optimal);
            AddJson(zip, MemberFile, data.Member);
            AddJson(zip, ApplicationsFile, data.Applications);
            AddJson(zip, ChecksFile, data.RegistryChecks);
            AddJson(zip, WorklistFile, data.Worklist);
            AddJson(zip, ScheduleFile, data.Schedule);
            AddJson(zip, EventsFile, data.Events);
            AddJson(zip, AuditFile, data.Audit);
            await chunks.DrainToAsync(output, cancellationToken);

            foreach (var application in data.Applications.Where(a => a.Capture?.PhotoFile is not null))
            {
                await using var db = await factory.CreateDbContextAsync(cancellationToken);

                // The scope filter applies here too, and media deleted meanwhile are simply left out.
                var media = await db.ApplicationCaptures.AsNoTracking()
                    .Where(c => c.ApplicationId == application.ApplicationId && c.MediaDeletedAt == null)
                    .Select(c => new { c.Photo, c.Signature, c.SignatureStrokes })
                    .FirstOrDefaultAsync(cancellationToken);
                if (media is null)
                {
                    continue;
                }

                // JPEG and PNG do not shrink; stored as they are.
                Add(zip, PhotoFile(application.ApplicationId), protector.Unprotect(media.Photo), CompressionLevel.NoCompression);
                Add(zip, SignatureFile(application.ApplicationId), protector.Unprotect(media.Signature), CompressionLevel.NoCompression);
                Add(zip, StrokesFile(application.ApplicationId), Encoding.UTF8.GetBytes(protector.UnprotectText(media.SignatureStrokes)), CompressionLevel.Optimal);
                await chunks.DrainToAsync(output, cancellationToken);
            }
        }

        // The central directory, written when the archive closes.
        await chunks.DrainToAsync(output, cancellationToken);
    }

    private static void AddJson<T>(ZipArchive zip, string name, T value)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        using var stream = entry.Open();
        JsonSerializer.Serialize(stream, value, Json);
    }

    private static void Add(ZipArchive zip, string name, byte[] bytes, CompressionLevel level)
    {
        var entry = zip.CreateEntry(name, level);
        using var stream = entry.Open();
        stream.Write(bytes);
    }
}
