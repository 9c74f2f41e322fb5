using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartyCardIntake.Core.Domain;

namespace PartyCardIntake.Core.Data.Configurations;

internal sealed class TransmissionConfiguration : IEntityTypeConfiguration<Transmission>
{
    public void Configure(EntityTypeBuilder<Transmission> builder)
    {
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.Sha256).HasMaxLength(64).IsUnicode(false).IsRequired();
        builder.Property(t => t.CreatedBy).HasMaxLength(450).IsRequired();
        builder.HasOne<Commune>().WithMany().HasForeignKey(t => t.CommuneId).OnDelete(DeleteBehavior.Restrict);

        // One package per commune and day, by the database: two leads pressing at once get one.
        builder.HasIndex(t => new { t.CommuneId, t.Day }).IsUnique();
    }
}
