using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using FluentAssertions;
using PartyCardIntake.Core.Field;
using Xunit;

namespace PartyCardIntake.UnitTests.Field;

public class CapturePackageTests
{
    private static FieldCapture Capture(int member)
    {
        var photo = RandomNumberGenerator.GetBytes(5000);
        var signature = RandomNumberGenerator.GetBytes(700);
        return new FieldCapture(Guid.NewGuid(), member, $"0010900{member:00000}", new DateTime(2026, 12, 5, 3, 0, 0, DateTimeKind.Utc), "field.officer",
            photo, 600, 800, CapturePackage.Sha256Hex(photo), signature, CapturePackage.Sha256Hex(signature), "[{\"points\":[]}]");
    }

    private static CapturePackageContent Content() => new(
        Guid.NewGuid(), "04522", DateTimeOffset.UnixEpoch, [Capture(1), Capture(2)],
        [new FieldAuditEntry(new DateTime(2026, 12, 5, 3, 0, 1, DateTimeKind.Utc), "field.officer", 3, 1, "field capture")]);

    [Fact]
    public void A_package_reads_back_with_every_capture_its_bytes_and_the_audit()
    {
        var content = Content();

        var read = CapturePackage.Read(CapturePackage.Write(content), 1 << 20);

        read.KitId.Should().Be(content.KitId);
        read.Captures.Should().HaveCount(2);
        read.Captures[1].Photo.Should().Equal(content.Captures[1].Photo);
        read.Captures[1].SignatureStrokes.Should().Be(content.Captures[1].SignatureStrokes);
        read.Captures[0].CapturedAt.Should().Be(content.Captures[0].CapturedAt);
        read.Audit.Should().ContainSingle().Which.Target.Should().Be("field capture");
    }

    [Fact]
    public void An_entry_changed_added_or_removed_behind_the_manifest_is_refused()
    {
        var zip = CapturePackage.Write(Content());

        Refused(Rewrite(zip, (path, bytes) => path.StartsWith("photos/", StringComparison.Ordinal) ? [.. bytes[..^1], (byte)(bytes[^1] ^ 1)] : bytes));
        Refused(Rewrite(zip, (path, bytes) => path.StartsWith("signatures/", StringComparison.Ordinal) ? null : bytes));
        Refused(Rewrite(zip, (_, bytes) => bytes, extra: "photos/extra.jpg"));
    }

    [Fact]
    public void A_capture_whose_image_is_not_the_one_its_checksum_names_is_refused_even_with_a_consistent_manifest()
    {
        var content = Content();
        var lying = content with { Captures = [content.Captures[0] with { PhotoSha256 = new string('0', 64) }] };

        var read = () => CapturePackage.Read(CapturePackage.Write(lying), 1 << 20);

        read.Should().Throw<FieldFileException>().Which.Error.Should().Be(FieldFileError.ChecksumMismatch);
    }

    [Fact]
    public void Bytes_that_are_not_a_zip_are_refused_as_malformed()
    {
        var read = () => CapturePackage.Read(Encoding.UTF8.GetBytes("not a zip"), 1 << 20);

        read.Should().Throw<FieldFileException>().Which.Error.Should().Be(FieldFileError.Malformed);
    }

    [Fact]
    public void A_receipt_verifies_with_the_station_key_only()
    {
        using var station = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var receipt = new FieldReceipt(1, Guid.NewGuid(), "04522", "ab", DateTimeOffset.UnixEpoch, [new FieldReceiptItem(Guid.NewGuid(), FieldReceiptOutcome.Added)]);
        var file = FieldReceiptFile.Sign(receipt, station);

        FieldReceiptFile.Verify(file, station).Items.Should().ContainSingle().Which.Outcome.Should().Be(FieldReceiptOutcome.Added);
        var forged = () => FieldReceiptFile.Verify(file, other);
        forged.Should().Throw<FieldFileException>().Which.Error.Should().Be(FieldFileError.SignatureInvalid);
        var notReceipt = () => FieldReceiptFile.Verify("{}"u8, station);
        notReceipt.Should().Throw<FieldFileException>().Which.Error.Should().Be(FieldFileError.NotThisKind);
    }

    private static void Refused(byte[] zip)
    {
        var read = () => CapturePackage.Read(zip, 1 << 20);
        read.Should().Throw<FieldFileException>().Which.Error.Should().Be(FieldFileError.ChecksumMismatch);
    }

    private static byte[] Rewrite(byte[] zip, Func<string, byte[], byte[]?> change, string? extra = null)
    {
        using var source = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        using var buffer = new MemoryStream();
        using (var target = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in source.Entries)
            {
                using var input = entry.Open();
                using var copy = new MemoryStream();
                input.CopyTo(copy);
                if (change(entry.FullName, copy.ToArray()) is { } bytes)
                {
                    using var output = target.CreateEntry(entry.FullName).Open();
                    output.Write(bytes);
                }
            }

            if (extra is not null)
            {
                using var output = target.CreateEntry(extra).Open();
                output.Write([1, 2, 3]);
            }
        }

        return buffer.ToArray();
    }
}
