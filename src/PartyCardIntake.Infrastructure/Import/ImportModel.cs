using PartyCardIntake.Core.Domain;

namespace PartyCardIntake.Infrastructure.Import;

/// <summary>The columns of a member file, in the order of the template.</summary>
public enum ImportColumn
{
    IdNumber,
    FullName,
    DateOfBirth,
    Sex,
    PartyCell,
    PartyCardNumber,
    JoinedOn,
    Phone,
    Address,
}

/// <summary>
/// One problem found in a member file. <paramref name="Row"/> is the row number as the user sees
/// it in the file (in a spreadsheet, the number in the row header; in a CSV, the record number
/// counting blank lines), so that "row 37" can be found without counting. <paramref name="Code"/>
/// is one of <see cref="ImportErrorCodes"/>; <paramref name="Value"/> is what the cell held
/// (shortened), or for some codes the detail the code names.
/// </summary>
public sealed record ImportError(int Row, ImportColumn? Column, string Code, string? Value);

/// <summary>A row that passed every check, with its values normalised.</summary>
public sealed record ImportedMember(
    int Row,
    PersonalIdNumber IdNumber,
    string FullName,
    Sex Sex,
    int BirthYear,
    DateOnly? BirthDate,
    string PartyCell,
    string? PartyCardNumber,
    DateOnly? JoinedOn,
    string? Phone,
    string? Address);

/// <summary>
/// What a member file gave. <see cref="DataRows"/> counts the non-empty rows under the header.
/// When <see cref="FileError"/> is set the file as a whole was refused and <see cref="Valid"/> is empty.
/// </summary>
public sealed record ImportParseResult(
    IReadOnlyList<ImportedMember> Valid,
    IReadOnlyList<ImportError> Errors,
    int DataRows,
    string? FileError)
{
    internal static ImportParseResult Failed(string fileError, int dataRows = 0, IReadOnlyList<ImportError>? errors = null) =>
        new([], errors ?? [], dataRows, fileError);
}

/// <summary>Bounds on an uploaded member file (section "Import:Members").</summary>
public sealed record ImportLimits
{
    public const string Section = "Import:Members";

    public static ImportLimits Default { get; } = new();

    /// <summary>A commune's list of 20,000 members is about 3 MB as CSV and under 2 MB as XLSX.</summary>
    public int MaxBytes { get; init; } = 10 * 1024 * 1024;

    /// <summary>Above the largest commune (~20,000 members) with room to spare.</summary>
    public int MaxRows { get; init; } = 50_000;

    /// <summary>
    /// Ceiling on the declared unpacked size of an XLSX: a few megabytes of ZIP can unpack to
    /// gigabytes of XML, which the spreadsheet reader would hold in memory.
    /// </summary>
    public long MaxUncompressedBytes { get; init; } = 200L * 1024 * 1024;

    /// <summary>
    /// Ceiling on the number of parts in an XLSX: a workbook has a few dozen, while a ZIP of
    /// tens of thousands of empty entries costs memory and time before a row is read.
    /// </summary>
    public int MaxZipEntries { get; init; } = 1_000;
}
