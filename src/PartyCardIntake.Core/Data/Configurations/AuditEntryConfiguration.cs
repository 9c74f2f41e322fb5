using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartyCardIntake.Core.Domain;

namespace PartyCardIntake.Core.Data.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.Property(e => e.Action).HasConversion<string>().HasMaxLength(30);
        builder.Property(e => e.UserName).HasMaxLength(256);
        builder.Property(e => e.Role).HasMaxLength(50);
        builder.Property(e => e.Target).HasMaxLength(300);
        builder.Property(e => e.Address).HasMaxLength(64);
        builder.Property(e => e.PreviousHash).HasMaxLength(64).IsUnicode(false).IsRequired();
        builder.Property(e => e.Hash).HasMaxLength(64).IsUnicode(false).IsRequired();

        // No foreign keys: the trail must outlive members, communes and users it mentions.
        // One successor per entry, enforced by the database: two writers that read the same last
        // entry cannot both append, so the chain stays a single line across web nodes.
        builder.HasIndex(e => e.PreviousHash).IsUnique();
        builder.HasIndex(e => e.At);
        builder.HasIndex(e => new { e.UserName, e.At });
        builder.HasIndex(e => new { e.MemberId, e.At });
        builder.HasIndex(e => new { e.ProvinceId, e.At });
    }
}
