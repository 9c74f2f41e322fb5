using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartyCardIntake.Core.Domain;

namespace PartyCardIntake.Core.Data.Configurations;

internal sealed class RegistryCheckConfiguration : IEntityTypeConfiguration<RegistryCheck>
{
    public void Configure(EntityTypeBuilder<RegistryCheck> builder)
    {
        builder.Property(c => c.Source).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.Outcome).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.FailureReason).HasMaxLength(50);
        builder.Property(c => c.CheckedBy).HasMaxLength(450);
        builder.Ignore(c => c.IsConclusive);
        builder.HasOne(c => c.Member).WithMany().HasForeignKey(c => c.MemberId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Commune>().WithMany().HasForeignKey(c => c.CommuneId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => new { c.MemberId, c.CheckedAt });
        builder.HasIndex(c => new { c.CommuneId, c.CheckedAt });
    }
}
