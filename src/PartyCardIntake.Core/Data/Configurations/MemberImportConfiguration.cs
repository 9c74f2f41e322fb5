using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartyCardIntake.Core.Domain;

namespace PartyCardIntake.Core.Data.Configurations;

internal sealed class MemberImportConfiguration : IEntityTypeConfiguration<MemberImport>
{
    public void Configure(EntityTypeBuilder<MemberImport> builder)
    {
        builder.Property(i => i.FileName).HasMaxLength(260);
        builder.Property(i => i.UploadedBy).HasMaxLength(256);
        builder.Property(i => i.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(i => i.FileError).HasMaxLength(100);
        builder.HasOne<Commune>().WithMany().HasForeignKey(i => i.CommuneId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(i => new { i.CommuneId, i.UploadedAt });
        builder.HasIndex(i => i.State);
    }
}
