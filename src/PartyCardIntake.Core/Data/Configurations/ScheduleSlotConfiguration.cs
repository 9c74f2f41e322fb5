using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartyCardIntake.Core.Domain;

namespace PartyCardIntake.Core.Data.Configurations;

internal sealed class ScheduleSlotConfiguration : IEntityTypeConfiguration<ScheduleSlot>
{
    public void Configure(EntityTypeBuilder<ScheduleSlot> builder)
    {
        builder.Property(s => s.Start).IsWallClock();
        builder.Property(s => s.End).IsWallClock();
        builder.HasOne(s => s.IntakeSite).WithMany().HasForeignKey(s => s.IntakeSiteId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(s => s.PartyCell).WithMany().HasForeignKey(s => s.PartyCellId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Commune>().WithMany().HasForeignKey(s => s.CommuneId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(s => s.Expected).WithOne(m => m.ScheduleSlot).HasForeignKey(m => m.ScheduleSlotId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => new { s.CommuneId, s.Start });
        builder.HasIndex(s => new { s.IntakeSiteId, s.Start });
    }
}
