namespace PartyCardIntake.Core.Data;

/// <summary>
/// Which rows a database context may see. Applied by query filters on every commune-owned table,
/// so that a page that forgets to filter still cannot show another commune's data.
/// </summary>
public sealed record DataScope
{
    private DataScope(bool unrestricted, int? provinceId, int? communeId)
    {
        Unrestricted = unrestricted;
        ProvinceId = provinceId;
        CommuneId = communeId;
    }

    /// <summary>Start-up, migrations, seeding and background work.</summary>
    public static DataScope System { get; } = new(true, null, null);

    /// <summary>Anonymous or unassigned users: no tenant rows at all.</summary>
    public static DataScope Nobody { get; } = new(false, null, null);

    public bool Unrestricted { get; }

    public int? ProvinceId { get; }

    public int? CommuneId { get; }

    /// <summary>Which shape of query filters serves this scope (each shape is a model of its own).</summary>
    public ScopeKind Kind => Unrestricted ? ScopeKind.System : ProvinceId is not null && CommuneId is null ? ScopeKind.Province : ScopeKind.Commune;

    /// <summary>A commune and, for reading the campaign settings only, the province above it.</summary>
    public static DataScope ForCommune(int communeId, int? provinceId = null) => new(false, provinceId, communeId);

    public static DataScope ForProvince(int provinceId) => new(false, provinceId, null);
}

/// <summary>
/// The shapes of query filters. A commune's filters compare one column, so its queries need no joins; only a
/// province's need the commune's province, through joins. Nobody is a commune scope without a commune: it matches no row.
/// </summary>
public enum ScopeKind
{
    System,
    Commune,
    Province,
}

/// <summary>Supplies the scope of whoever the current operation runs for.</summary>
public interface IDataScopeAccessor
{
    DataScope Current { get; }
}
