using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartyCardIntake.Core.Domain;

namespace PartyCardIntake.Core.Data.Configurations;

internal sealed class PartyCellConfiguration : IEntityTypeConfiguration<PartyCell>
{
    public void Configure(EntityTypeBuilder<PartyCell> builder)
    {
        builder.Property(c => c.Name).HasMaxLength(200).IsRequired();
        builder.Property(c => c.SecretaryName).HasMaxLength(200);
        builder.Property(c => c.SecretaryPhone).HasMaxLength(20);
        builder.Property(c => c.Availability).HasConversion<string>().HasMaxLength(20);
        builder.HasOne(c => c.Commune).WithMany().HasForeignKey(c => c.CommuneId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => new { c.CommuneId, c.Name }).IsUnique();
    }
}
