using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartyCardIntake.Core.Domain;

namespace PartyCardIntake.Core.Data.Configurations;

internal sealed class CaptureDraftConfiguration : IEntityTypeConfiguration<CaptureDraft>
{
    public void Configure(EntityTypeBuilder<CaptureDraft> builder)
    {
        builder.Property(d => d.UserId).HasMaxLength(450).IsRequired();
        builder.HasOne<Commune>().WithMany().HasForeignKey(d => d.CommuneId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Device>().WithMany().HasForeignKey(d => d.DeviceId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<PartyMember>().WithMany().HasForeignKey(d => d.MemberId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(d => new { d.DeviceId, d.MemberId }).IsUnique();
        builder.HasIndex(d => d.UpdatedAt);
    }
}
