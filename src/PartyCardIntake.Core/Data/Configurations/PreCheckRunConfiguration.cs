using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartyCardIntake.Core.Domain;

namespace PartyCardIntake.Core.Data.Configurations;

internal sealed class PreCheckRunConfiguration : IEntityTypeConfiguration<PreCheckRun>
{
    public void Configure(EntityTypeBuilder<PreCheckRun> builder)
    {
        builder.Property(r => r.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.RequestedBy).HasMaxLength(256);
        builder.HasOne<Commune>().WithMany().HasForeignKey(r => r.CommuneId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<PartyCell>().WithMany().HasForeignKey(r => r.PartyCellId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => r.State);
        builder.HasIndex(r => new { r.CommuneId, r.RequestedAt });
    }
}
