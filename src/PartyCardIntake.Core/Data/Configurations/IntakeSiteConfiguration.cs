using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartyCardIntake.Core.Domain;

namespace PartyCardIntake.Core.Data.Configurations;

internal sealed class IntakeSiteConfiguration : IEntityTypeConfiguration<IntakeSite>
{
    public void Configure(EntityTypeBuilder<IntakeSite> builder)
    {
        builder.Property(s => s.Name).HasMaxLength(200).IsRequired();
        builder.Property(s => s.Address).HasMaxLength(500);
        builder.Property(s => s.WeeklyHoursJson).HasMaxLength(2000);
        builder.Property(s => s.ExceptionsJson).HasMaxLength(20000);
        builder.Ignore(s => s.Schedule);
        builder.HasOne(s => s.Commune).WithMany().HasForeignKey(s => s.CommuneId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(s => s.Devices).WithOne(d => d.IntakeSite).HasForeignKey(d => d.IntakeSiteId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => s.CommuneId);
    }
}
