using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartyCardIntake.Core.Domain;

namespace PartyCardIntake.Core.Data.Configurations;

internal sealed class WorklistItemConfiguration : IEntityTypeConfiguration<WorklistItem>
{
    public void Configure(EntityTypeBuilder<WorklistItem> builder)
    {
        builder.Property(w => w.Status).HasConversion<string>().HasMaxLength(30);
        builder.Property(w => w.LastOutcome).HasConversion<string>().HasMaxLength(20);
        builder.Property(w => w.Note).HasMaxLength(1000);
        builder.Property(w => w.UpdatedBy).HasMaxLength(256);
        builder.Ignore(w => w.IsOpen);
        builder.HasOne(w => w.Member).WithMany().HasForeignKey(w => w.MemberId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Commune>().WithMany().HasForeignKey(w => w.CommuneId).OnDelete(DeleteBehavior.Restrict);

        // One item per member: later checks re-open or close it.
        builder.HasIndex(w => w.MemberId).IsUnique();
        builder.HasIndex(w => new { w.CommuneId, w.Status });
    }
}
