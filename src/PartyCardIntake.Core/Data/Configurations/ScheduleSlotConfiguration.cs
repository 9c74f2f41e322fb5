using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using PartyCardIntake.Core.Domain;

namespace PartyCardIntake.Core.Data.Configurations;

internal sealed class ScheduleSlotConfiguration : IEntityTypeConfiguration<ScheduleSlot>
{
    // Wall-clock times: kept unspecified on both providers (timestamp without time zone on PostgreSQL).
    private static readonly ValueConverter<DateTime, DateTime> WallClock = new(
        v => DateTime.SpecifyKind(v, DateTimeKind.Unspecified),
        v => DateTime.SpecifyKind(v, DateTimeKind.Unspecified));

    public void Configure(EntityTypeBuilder<ScheduleSlot> builder)
    {
        builder.Property(s => s.Start).HasConversion(WallClock).HasColumnType("timestamp without time zone");
        builder.Property(s => s.End).HasConversion(WallClock).HasColumnType("timestamp without time zone");
        builder.HasOne(s => s.IntakeSite).WithMany().HasForeignKey(s => s.IntakeSiteId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(s => s.PartyCell).WithMany().HasForeignKey(s => s.PartyCellId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Commune>().WithMany().HasForeignKey(s => s.CommuneId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => new { s.CommuneId, s.Start });
        builder.HasIndex(s => new { s.IntakeSiteId, s.Start });
    }
}
