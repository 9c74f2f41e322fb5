using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace PartyCardIntake.Core.Data;

/// <summary>
/// Wall-clock times (Vietnam local, no offset): kept unspecified on every provider, as
/// "timestamp without time zone" on PostgreSQL and datetime2 on SQL Server, instead of the UTC conversion every
/// other DateTime gets.
/// </summary>
internal static class WallClock
{
    private const string ColumnType = "timestamp without time zone";

    private static readonly ValueConverter<DateTime, DateTime> Converter = new(
        v => DateTime.SpecifyKind(v, DateTimeKind.Unspecified),
        v => DateTime.SpecifyKind(v, DateTimeKind.Unspecified));

    public static PropertyBuilder<DateTime> IsWallClock(this PropertyBuilder<DateTime> property) =>
        property.HasConversion(Converter).HasColumnType(ColumnType);

    /// <summary>SQL Server has no such type name; its datetime2 keeps no offset either.</summary>
    public static void ForSqlServer(ModelBuilder builder)
    {
        foreach (var property in builder.Model.GetEntityTypes().SelectMany(e => e.GetProperties()))
        {
            if (property.GetColumnType() == ColumnType)
            {
                property.SetColumnType("datetime2");
            }
        }
    }
}
