using System.IO.Compression;
using Microsoft.Extensions.Configuration;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Infrastructure.Import;
using static PartyCardIntake.UnitTests.Import.MemberFiles;

namespace PartyCardIntake.UnitTests.Import;

public class MemberFileRefusalTests
{
    [Fact]
    public void Default_limits_are_10_MiB_and_50000_rows()
    {
        ImportLimits.Default.Should().BeEquivalentTo(new { MaxBytes = 10 * 1024 * 1024, MaxRows = 50_000, MaxUncompressedBytes = 200L * 1024 * 1024 });
    }

    [Fact]
    public void Limits_bind_from_configuration_and_keep_defaults_for_what_is_not_set()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Import:Members:MaxRows"] = "30000" })
            .Build();

        var limits = configuration.GetSection(ImportLimits.Section).Get<ImportLimits>()!;

        (limits.MaxRows, limits.MaxBytes).Should().Be((30_000, 10 * 1024 * 1024));
    }

    [Theory]
    [InlineData("")]
    [InlineData("\r\n\r\n   \r\n")]
    [InlineData("\uFEFF")]
    [InlineData(",,,\n ,  ,,\n")]
    public void File_without_any_content_is_empty(string text)
    {
        var result = Parse(Bytes(text));

        (result.FileError, result.DataRows).Should().Be(("file.empty", 0));
    }

    [Fact]
    public void File_over_the_byte_limit_is_too_large()
    {
        var data = Csv([Header, ValidRow()]);
        var limits = new ImportLimits { MaxBytes = data.Length - 1 };

        Parse(data, limits: limits).FileError.Should().Be("file.too-large");
        Parse(data, limits: limits with { MaxBytes = data.Length }).FileError.Should().BeNull();
    }

    [Fact]
    public void Stream_that_cannot_seek_is_cut_off_at_the_byte_limit()
    {
        var data = Csv([Header, ValidRow()]);
        using var stream = new ForwardOnlyStream(data);

        MemberFileParser.Parse(stream, "x.csv", Today, new ImportLimits { MaxBytes = 50 }).FileError.Should().Be("file.too-large");
    }

    [Fact]
    public void Xlsx_that_unpacks_beyond_the_limit_is_too_large()
    {
        var data = TestXlsx.Build([.. Header], [.. ValidRow()]);

        Parse(data, "x.xlsx", new ImportLimits { MaxUncompressedBytes = 1000 }).FileError.Should().Be("file.too-large");
    }

    public static TheoryData<string, byte[]> ForeignFiles() => new()
    {
        { "pdf", [.. "%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"u8] },
        { "jpeg", [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0x00, 0x01] },
        { "png", [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D] },
        { "old xls (OLE)", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, .. new byte[504]] },
        { "random bytes", RandomBytes() },
        { "html saved as xls", [.. "<html><body><table><tr><td>Họ và tên</td></tr></table></body></html>"u8] },
        { "xml spreadsheet 2003", [.. "\uFEFF<?xml version=\"1.0\"?>\n<Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\"/>"u8] },
        { "docx", Zip("word/document.xml", "[Content_Types].xml") },
        { "empty zip", [(byte)'P', (byte)'K', 5, 6, .. new byte[18]] },
    };

    [Theory]
    [MemberData(nameof(ForeignFiles))]
    public void File_that_is_neither_csv_nor_xlsx_is_unsupported_whatever_its_name(string kind, byte[] data)
    {
        foreach (var name in new[] { "dang-vien.csv", "dang-vien.xlsx", "dang-vien.xls", "dang-vien" })
        {
            var result = Parse(data, name);

            result.FileError.Should().Be("file.unsupported", $"{kind} named {name}");
            result.Valid.Should().BeEmpty();
        }
    }

    [Fact]
    public void Truncated_xlsx_is_unreadable()
    {
        var data = TestXlsx.Build([.. Header], [.. ValidRow()]);

        Parse(data[..(data.Length / 2)], "x.xlsx").FileError.Should().Be("file.unreadable");
    }

    [Fact]
    public void Xlsx_with_a_broken_worksheet_is_unreadable()
    {
        var data = TestXlsx.Build([.. Header], [.. ValidRow()]);
        using var buffer = new MemoryStream();
        buffer.Write(data);
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Update, leaveOpen: true))
        {
            var sheet = zip.Entries.Single(entry => entry.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal));
            var name = sheet.FullName;
            sheet.Delete();
            using var writer = new StreamWriter(zip.CreateEntry(name).Open());
            writer.Write("<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Họ");
        }

        var result = Parse(buffer.ToArray(), "x.xlsx");

        result.FileError.Should().Be("file.unreadable");
        (result.Valid.Count, result.Errors.Count).Should().Be((0, 0));
    }

    [Fact]
    public void Csv_renamed_to_xlsx_is_still_read_as_csv()
    {
        Parse(Csv([Header, ValidRow()]), "dang-vien.xlsx").Valid.Should().ContainSingle();
    }

    [Fact]
    public void Xlsx_renamed_to_csv_is_still_read_as_xlsx()
    {
        Parse(TestXlsx.Build([.. Header], [.. ValidRow()]), "dang-vien.csv").Valid.Should().ContainSingle();
    }

    [Fact]
    public void More_rows_than_the_limit_refuse_the_whole_file()
    {
        var rows = Enumerable.Range(1, 6).Select(serial => ValidRow().With(ImportColumn.IdNumber, Id(Sex.Male, 1985, serial))).ToList();
        var limits = new ImportLimits { MaxRows = 5 };

        var tooMany = Parse(Csv([Header, .. rows]), limits: limits);
        var atLimit = Parse(Csv([Header, .. rows.Take(5)]), limits: limits);

        (tooMany.FileError, tooMany.Valid.Count, tooMany.DataRows).Should().Be(("file.too-many-rows", 0, 6));
        (atLimit.FileError, atLimit.Valid.Count).Should().Be((null, 5));
    }

    [Fact]
    public void Blank_lines_do_not_count_towards_the_row_limit()
    {
        var rows = Enumerable.Range(1, 5).Select(serial => ValidRow().With(ImportColumn.IdNumber, Id(Sex.Male, 1985, serial)));
        var text = string.Join("\n\n", new[] { Header }.Concat(rows).Select(row => string.Join(';', row)));

        Parse(Bytes(text), limits: new ImportLimits { MaxRows = 5 }).Valid.Should().HaveCount(5);
    }

    private static byte[] RandomBytes()
    {
        var bytes = new byte[4096];
        new Random(20250815).NextBytes(bytes);
        // Keep clear of the signatures tested on their own.
        bytes[0] = 0x42;
        return bytes;
    }

    private static byte[] Zip(params string[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in entries)
            {
                using var writer = new StreamWriter(zip.CreateEntry(entry).Open());
                writer.Write("<x/>");
            }
        }

        return buffer.ToArray();
    }

    private sealed class ForwardOnlyStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();
    }
}
