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
}
