using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using CsvHelper;
using PartyCardIntake.Core.Domain;

namespace PartyCardIntake.Web.Features.Transmissions;

/// <summary>What the package says about itself.</summary>
public sealed record PackageHeader(Guid TransmissionId, string CommuneCode, DateOnly Day);

/// <summary>One approved record as it goes to card production.</summary>
public sealed record PackageRecord(
    Guid ApplicationId,
    string IdNumber,
    string FullName,
    int BirthYear,
    DateOnly? BirthDate,
    Sex Sex,
    string PartyCell,
    string? OldCardNumber,
    DateTime SubmittedAt,
    DateTime ApprovedAt,
    byte[] Photo,
    byte[] Signature);

/// <summary>
/// Writes the transmission ZIP: manifest.json, manifest.csv, photos/{id}.jpg, signatures/{id}.png and SHA256SUMS.
/// The same records give the same bytes, so that a package downloaded again can be checked against the checksum
/// taken when it was made: entries are sorted, stamped with the package's day, and stored without compression
/// (a JPEG or PNG does not shrink, and a deflater's output may change with the runtime).
/// </summary>
public static class TransmissionPackage
{
    public const string JsonManifest = "manifest.json";
    public const string CsvManifest = "manifest.csv";
    public const string Checksums = "SHA256SUMS";
    public const int FormatVersion = 1;

    // Part of the file format, not of the interface: card production reads these words whatever the UI's language.
    private const string Male = "Nam";
    private const string Female = "Nữ";

    private static readonly TimeSpan VietnamOffset = TimeSpan.FromHours(7);

    private static readonly string[] Columns =
    [
        "application_id", "id_number", "full_name", "date_of_birth", "sex", "party_cell", "old_card_number",
        "submitted_at", "approved_at", "photo_file", "signature_file", "photo_sha256", "signature_sha256",
    ];

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    public static byte[] Build(PackageHeader header, IReadOnlyList<PackageRecord> records)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(records);
        var files = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        var rows = new List<ManifestRow>();
        foreach (var record in records.OrderBy(r => r.ApplicationId.ToString("D"), StringComparer.Ordinal))
        {
            var id = record.ApplicationId.ToString("D");
            var photo = $"photos/{id}.jpg";
            var signature = $"signatures/{id}.png";
            files[photo] = record.Photo;
            files[signature] = record.Signature;
            rows.Add(new ManifestRow(
                id,
                record.IdNumber,
                record.FullName,
                record.BirthDate is { } date ? date.ToString("dd'/'MM'/'yyyy", CultureInfo.InvariantCulture) : record.BirthYear.ToString(CultureInfo.InvariantCulture),
                record.Sex == Sex.Female ? Female : Male,
                record.PartyCell,
                record.OldCardNumber ?? string.Empty,
                Local(record.SubmittedAt),
                Local(record.ApprovedAt),
                photo,
                signature,
                Sha256(record.Photo),
                Sha256(record.Signature)));
        }

        files[JsonManifest] = JsonSerializer.SerializeToUtf8Bytes(
            new Manifest(FormatVersion, header.TransmissionId.ToString("D"), header.CommuneCode, header.Day.ToString("dd'/'MM'/'yyyy", CultureInfo.InvariantCulture), rows.Count, rows),
            Json);
        files[CsvManifest] = Csv(rows);
        files[Checksums] = Encoding.UTF8.GetBytes(string.Concat(files.Select(f => $"{Sha256(f.Value)}  {f.Key}\n")));

        // ZIP times are local clock times without a zone: midnight of the package's day in Vietnam.
        var stamp = new DateTimeOffset(header.Day.ToDateTime(TimeOnly.MinValue), VietnamOffset);
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes) in files)
            {
                var entry = zip.CreateEntry(name, CompressionLevel.NoCompression);
                entry.LastWriteTime = stamp;
                using var stream = entry.Open();
                stream.Write(bytes);
            }
        }

        return buffer.ToArray();
    }

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static string Local(DateTime utc) =>
        new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToOffset(VietnamOffset).ToString("dd'/'MM'/'yyyy HH':'mm':'ss", CultureInfo.InvariantCulture);

    private static byte[] Csv(List<ManifestRow> rows)
    {
        using var buffer = new MemoryStream();

        // RFC 4180 with CRLF, and a byte order mark so that a spreadsheet opens the Vietnamese names as UTF-8.
        using (var csv = CsvWriter.Create(buffer, CsvWriterOptions.Default with { WriteByteOrderMark = true }, leaveOpen: true))
        {
            csv.WriteRecord(Columns);
            foreach (var r in rows)
            {
                csv.WriteRecord([r.ApplicationId, r.IdNumber, r.FullName, r.DateOfBirth, r.Sex, r.PartyCell, r.OldCardNumber, r.SubmittedAt, r.ApprovedAt, r.PhotoFile, r.SignatureFile, r.PhotoSha256, r.SignatureSha256]);
            }
        }

        return buffer.ToArray();
    }

    private sealed record Manifest(int FormatVersion, string TransmissionId, string CommuneCode, string Day, int RecordCount, IReadOnlyList<ManifestRow> Records);

    private sealed record ManifestRow(
        string ApplicationId,
        string IdNumber,
        string FullName,
        string DateOfBirth,
        string Sex,
        string PartyCell,
        string OldCardNumber,
        string SubmittedAt,
        string ApprovedAt,
        string PhotoFile,
        string SignatureFile,
        string PhotoSha256,
        string SignatureSha256);
}
