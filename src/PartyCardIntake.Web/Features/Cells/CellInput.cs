using PartyCardIntake.Core.Domain;

namespace PartyCardIntake.Web.Features.Cells;

/// <summary>The cell form: name, secretary and phone, when the cell can come, and whether it is outside the commune's committee.</summary>
public sealed class CellInput
{
    public string? Name { get; set; }

    public string? SecretaryName { get; set; }

    public string? SecretaryPhone { get; set; }

    public CellAvailability Availability { get; set; } = CellAvailability.AnyTime;

    public bool IsExternal { get; set; }

    public static CellInput From(PartyCell cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        return new CellInput
        {
            Name = cell.Name,
            SecretaryName = cell.SecretaryName,
            SecretaryPhone = cell.SecretaryPhone,
            Availability = cell.Availability,
            IsExternal = cell.IsExternal,
        };
    }
}
