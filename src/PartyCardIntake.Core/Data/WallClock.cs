using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace PartyCardIntake.Core.Data;

/// <summary>
/// Wall-clock times (Vietnam local, no offset): kept unspecified on both providers, as
/// "timestamp without time zone" on PostgreSQL, instead of the UTC conversion every other DateTime gets.
/// </summary>
internal static class WallClock
{
    private static readonly ValueConverter<DateTime, DateTime> Converter = new(
        v => DateTime.SpecifyKind(v, DateTimeKind.Unspecified),
        v => DateTime.SpecifyKind(v, DateTimeKind.Unspecified));

    public static PropertyBuilder<DateTime> IsWallClock(this PropertyBuilder<DateTime> property) =>
        property.HasConversion(Converter).HasColumnType("timestamp without time zone");
}
