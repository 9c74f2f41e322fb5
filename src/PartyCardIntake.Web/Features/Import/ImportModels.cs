using PartyCardIntake.Core.Domain;
using PartyCardIntake.Infrastructure.Import;

namespace PartyCardIntake.Web.Features.Import;

/// <summary>A checked row as it waits in the database between preview and commit.</summary>
public sealed record ImportRow(
    int Row,
    string IdNumber,
    string FullName,
    Sex Sex,
    int BirthYear,
    DateOnly? BirthDate,
    string PartyCell,
    string? PartyCardNumber,
    DateOnly? JoinedOn,
    string? Phone,
    string? Address)
{
    public static ImportRow From(ImportedMember m)
    {
        ArgumentNullException.ThrowIfNull(m);
        return new(m.Row, m.IdNumber.Value, m.FullName, m.Sex, m.BirthYear, m.BirthDate, m.PartyCell, m.PartyCardNumber, m.JoinedOn, m.Phone, m.Address);
    }
}

public sealed record ImportView(MemberImport Import, IReadOnlyList<ImportError> Errors, IReadOnlyList<string> UnknownCells)
{
    public int Percent => Import.ValidRows == 0 ? 100 : (int)(100L * Import.ProcessedRows / Import.ValidRows);

    /// <summary>The rows with problems, in file order, each with all its problems.</summary>
    public IReadOnlyList<ImportRowErrors> RowsWithErrors { get; } =
        Errors.GroupBy(e => e.Row).OrderBy(g => g.Key).Select(g => new ImportRowErrors(g.Key, g.ToList())).ToList();

    /// <summary>How many rows have problems (not how many problems).</summary>
    public int ErrorRows => RowsWithErrors.Count;
}

/// <summary>One row of the file with every problem found on it.</summary>
public sealed record ImportRowErrors(int Row, IReadOnlyList<ImportError> Errors);
