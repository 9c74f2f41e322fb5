using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartyCardIntake.Core.Domain;

namespace PartyCardIntake.Core.Data.Configurations;

internal sealed class DeviceConfiguration : IEntityTypeConfiguration<Device>
{
    public void Configure(EntityTypeBuilder<Device> builder)
    {
        builder.Property(d => d.Name).HasMaxLength(100).IsRequired();
        builder.HasOne<Commune>().WithMany().HasForeignKey(d => d.CommuneId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(d => new { d.IntakeSiteId, d.Name }).IsUnique();
        builder.HasIndex(d => d.CommuneId);
    }
}
