using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;

namespace PartyCardIntake.Core.Field;

/// <summary>One capture made on the laptop, as the package carries it. Times are UTC.</summary>
public sealed record FieldCapture(
    Guid IdempotencyKey,
    int MemberId,
    string IdNumber,
    DateTime CapturedAt,
    string CapturedBy,
    byte[] Photo,
    int PhotoWidth,
    int PhotoHeight,
    string PhotoSha256,
    byte[] Signature,
    string SignatureSha256,
    string SignatureStrokes);

/// <summary>An audit entry written on the laptop, carried so the station's trail shows what happened in the field.</summary>
public sealed record FieldAuditEntry(DateTime At, string UserName, int Action, int? MemberId, string? Target);

public sealed record CapturePackageContent(Guid KitId, string CommuneCode, DateTimeOffset CreatedAt, IReadOnlyList<FieldCapture> Captures, IReadOnlyList<FieldAuditEntry> Audit);

/// <summary>
/// The plaintext of a capture package: a ZIP whose <c>manifest.json</c> lists every other entry with its length and
/// SHA-256, <c>captures.json</c> the captures (their photo, signature and strokes in entries of their own) and
/// <c>audit.json</c> the field audit entries. Reading refuses the whole package when any entry is missing, extra,
/// or differs from the manifest, or when a capture's image does not have the checksum the capture states.
/// </summary>
public static class CapturePackage
{
    private const string ManifestEntry = "manifest.json";
    private const string CapturesEntry = "captures.json";
    private const string AuditEntry = "audit.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private sealed record ManifestFile(string Path, long Length, string Sha256);

    private sealed record Manifest(int Format, Guid KitId, string CommuneCode, DateTimeOffset CreatedAt, int Captures, IReadOnlyList<ManifestFile> Files);

    private sealed record CaptureRecord(
        Guid IdempotencyKey, int MemberId, string IdNumber, DateTime CapturedAt, string CapturedBy,
        string Photo, int PhotoWidth, int PhotoHeight, string PhotoSha256, string Signature, string SignatureSha256, string Strokes);

    public static byte[] Write(CapturePackageContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var entries = new List<(string Path, byte[] Bytes)>();
        var records = new List<CaptureRecord>();
        foreach (var capture in content.Captures)
        {
            var key = capture.IdempotencyKey.ToString("N");
            entries.Add(($"photos/{key}.jpg", capture.Photo));
            entries.Add(($"signatures/{key}.png", capture.Signature));
            entries.Add(($"strokes/{key}.json", System.Text.Encoding.UTF8.GetBytes(capture.SignatureStrokes)));
            records.Add(new CaptureRecord(
                capture.IdempotencyKey, capture.MemberId, capture.IdNumber, capture.CapturedAt, capture.CapturedBy,
                $"photos/{key}.jpg", capture.PhotoWidth, capture.PhotoHeight, capture.PhotoSha256,
                $"signatures/{key}.png", capture.SignatureSha256, $"strokes/{key}.json"));
        }

        entries.Insert(0, (CapturesEntry, JsonSerializer.SerializeToUtf8Bytes(records, Json)));
        entries.Insert(1, (AuditEntry, JsonSerializer.SerializeToUtf8Bytes(content.Audit, Json)));
        var manifest = new Manifest(1, content.KitId, content.CommuneCode, content.CreatedAt, content.Captures.Count,
            entries.Select(e => new ManifestFile(e.Path, e.Bytes.LongLength, Sha256Hex(e.Bytes))).ToList());

        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Add(zip, ManifestEntry, JsonSerializer.SerializeToUtf8Bytes(manifest, Json), CompressionLevel.Optimal);
            foreach (var (path, bytes) in entries)
            {
                // JPEG and PNG do not shrink; the JSON does.
                Add(zip, path, bytes, path.EndsWith(".json", StringComparison.Ordinal) ? CompressionLevel.Optimal : CompressionLevel.NoCompression);
            }
        }

        return buffer.ToArray();
    }

    public static CapturePackageContent Read(byte[] plaintext, long maxEntryBytes)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        try
        {
            using var zip = new ZipArchive(new MemoryStream(plaintext, writable: false), ZipArchiveMode.Read);
            var manifestEntry = zip.GetEntry(ManifestEntry) ?? throw Mismatch("no manifest");
            var manifest = JsonSerializer.Deserialize<Manifest>(ReadEntry(manifestEntry, maxEntryBytes), Json) ?? throw Mismatch("empty manifest");
            if (manifest.Format != 1)
            {
                throw new FieldFileException(FieldFileError.Malformed, "manifest format");
            }

            var listed = manifest.Files.ToDictionary(f => f.Path, StringComparer.Ordinal);
            var names = zip.Entries.Select(e => e.FullName).Where(n => n != ManifestEntry).ToList();
            if (names.Count != names.Distinct(StringComparer.Ordinal).Count() || names.Count != listed.Count || names.Any(n => !listed.ContainsKey(n)))
            {
                throw Mismatch("entries differ from the manifest");
            }

            var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            foreach (var entry in zip.Entries.Where(e => e.FullName != ManifestEntry))
            {
                var bytes = ReadEntry(entry, maxEntryBytes);
                var expected = listed[entry.FullName];
                if (bytes.LongLength != expected.Length || !string.Equals(Sha256Hex(bytes), expected.Sha256, StringComparison.Ordinal))
                {
                    throw Mismatch($"{entry.FullName} differs from the manifest");
                }

                files[entry.FullName] = bytes;
            }

            var records = JsonSerializer.Deserialize<List<CaptureRecord>>(Need(files, CapturesEntry), Json) ?? [];
            var audit = JsonSerializer.Deserialize<List<FieldAuditEntry>>(Need(files, AuditEntry), Json) ?? [];
            if (records.Count != manifest.Captures || records.Select(r => r.IdempotencyKey).Distinct().Count() != records.Count)
            {
                throw Mismatch("capture count");
            }

            var captures = records.Select(r =>
            {
                var photo = Need(files, r.Photo);
                var signature = Need(files, r.Signature);
                if (!string.Equals(Sha256Hex(photo), r.PhotoSha256, StringComparison.OrdinalIgnoreCase)
                    || !string.Equals(Sha256Hex(signature), r.SignatureSha256, StringComparison.OrdinalIgnoreCase))
                {
                    throw Mismatch($"capture {r.IdempotencyKey} checksum");
                }

                return new FieldCapture(r.IdempotencyKey, r.MemberId, r.IdNumber, r.CapturedAt, r.CapturedBy,
                    photo, r.PhotoWidth, r.PhotoHeight, r.PhotoSha256, signature, r.SignatureSha256,
                    System.Text.Encoding.UTF8.GetString(Need(files, r.Strokes)));
            }).ToList();

            return new CapturePackageContent(manifest.KitId, manifest.CommuneCode, manifest.CreatedAt, captures, audit);
        }
        catch (Exception e) when (e is InvalidDataException or JsonException or IOException or ArgumentException)
        {
            throw new FieldFileException(FieldFileError.Malformed, e.Message);
        }
    }

    public static string Sha256Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static FieldFileException Mismatch(string detail) => new(FieldFileError.ChecksumMismatch, detail);

    private static byte[] Need(Dictionary<string, byte[]> files, string path) =>
        files.TryGetValue(path, out var bytes) ? bytes : throw Mismatch($"{path} missing");

    private static void Add(ZipArchive zip, string path, byte[] bytes, CompressionLevel level)
    {
        var entry = zip.CreateEntry(path, level);
        entry.LastWriteTime = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
        using var stream = entry.Open();
        stream.Write(bytes);
    }

    private static byte[] ReadEntry(ZipArchiveEntry entry, long maxEntryBytes)
    {
        if (entry.Length > maxEntryBytes)
        {
            throw new FieldFileException(FieldFileError.TooLarge, entry.FullName);
        }

        using var stream = entry.Open();
        using var copy = new MemoryStream((int)entry.Length);
        // The declared length can lie; stop at the limit whatever the stream gives.
        var buffer = new byte[81920];
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            if (copy.Length + read > maxEntryBytes)
            {
                throw new FieldFileException(FieldFileError.TooLarge, entry.FullName);
            }

            copy.Write(buffer, 0, read);
        }

        return copy.ToArray();
    }
}
