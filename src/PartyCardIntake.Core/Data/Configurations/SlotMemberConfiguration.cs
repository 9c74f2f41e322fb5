using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartyCardIntake.Core.Domain;

namespace PartyCardIntake.Core.Data.Configurations;

internal sealed class SlotMemberConfiguration : IEntityTypeConfiguration<SlotMember>
{
    public void Configure(EntityTypeBuilder<SlotMember> builder)
    {
        builder.HasKey(m => new { m.ScheduleSlotId, m.MemberId });
        builder.HasOne(m => m.Member).WithMany().HasForeignKey(m => m.MemberId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(m => m.CheckedInBy).HasMaxLength(100);
        builder.HasIndex(m => m.MemberId);
        builder.HasIndex(m => m.CommuneId);
    }
}
