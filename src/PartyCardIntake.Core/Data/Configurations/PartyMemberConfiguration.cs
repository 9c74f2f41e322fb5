using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartyCardIntake.Core.Domain;

namespace PartyCardIntake.Core.Data.Configurations;

internal sealed class PartyMemberConfiguration : IEntityTypeConfiguration<PartyMember>
{
    public void Configure(EntityTypeBuilder<PartyMember> builder)
    {
        builder.Property(m => m.IdNumber)
            .HasConversion(v => v.Value, v => PersonalIdNumber.Parse(v))
            .HasMaxLength(PersonalIdNumber.Length)
            .IsFixedLength()
            .IsUnicode(false)
            .IsRequired();
        builder.Property(m => m.FullName).HasMaxLength(200).IsRequired();
        builder.Property(m => m.SearchName).HasMaxLength(200).IsRequired();
        builder.Property(m => m.SortKey).HasMaxLength(200).IsRequired();
        builder.Property(m => m.Sex).HasConversion<string>().HasMaxLength(10);
        builder.Property(m => m.Exemption).HasConversion<string>().HasMaxLength(20);
        builder.Property(m => m.ExemptionNote).HasMaxLength(500);
        builder.Property(m => m.PartyCardNumber).HasMaxLength(30);
        builder.Property(m => m.Phone).HasMaxLength(20);
        builder.Property(m => m.Address).HasMaxLength(500);
        builder.Ignore(m => m.IsEligible);

        // One person holds one card: the number is unique across the whole database, not per commune.
        builder.HasIndex(m => m.IdNumber).IsUnique();
        builder.HasIndex(m => new { m.CommuneId, m.SearchName });
        builder.HasIndex(m => new { m.CommuneId, m.SortKey });
        builder.HasIndex(m => m.PartyCellId);

        builder.HasOne(m => m.Commune).WithMany().HasForeignKey(m => m.CommuneId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<MemberImport>().WithMany().HasForeignKey(m => m.CreatedByImportId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne(m => m.PartyCell).WithMany().HasForeignKey(m => m.PartyCellId).OnDelete(DeleteBehavior.Restrict);
    }
}
