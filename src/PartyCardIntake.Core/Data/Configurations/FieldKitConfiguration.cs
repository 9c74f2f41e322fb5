using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartyCardIntake.Core.Domain;

namespace PartyCardIntake.Core.Data.Configurations;

internal sealed class FieldKitConfiguration : IEntityTypeConfiguration<FieldKit>
{
    public void Configure(EntityTypeBuilder<FieldKit> builder)
    {
        builder.Property(k => k.Id).ValueGeneratedNever();
        builder.Property(k => k.OfficerId).HasMaxLength(450);
        builder.Property(k => k.OfficerUserName).HasMaxLength(256);
        builder.Property(k => k.CreatedBy).HasMaxLength(256);
        builder.Property(k => k.RevokedBy).HasMaxLength(256);
        builder.Property(k => k.ReturnKeyProtected).HasMaxLength(2000);
        builder.Property(k => k.KitSha256).HasMaxLength(64);
        builder.Property(k => k.PackageVerifyKey).HasMaxLength(512);
        builder.HasOne<Commune>().WithMany().HasForeignKey(k => k.CommuneId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(k => new { k.CommuneId, k.CreatedAt });
    }
}

internal sealed class FieldStationKeyConfiguration : IEntityTypeConfiguration<FieldStationKey>
{
    public void Configure(EntityTypeBuilder<FieldStationKey> builder)
    {
        builder.HasKey(k => k.CommuneId);
        builder.Property(k => k.CommuneId).ValueGeneratedNever();
        builder.Property(k => k.PublicKey).HasMaxLength(512);
        builder.Property(k => k.PrivateKeyProtected).HasMaxLength(4000);
        builder.HasOne<Commune>().WithOne().HasForeignKey<FieldStationKey>(k => k.CommuneId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class FieldPackageImportConfiguration : IEntityTypeConfiguration<FieldPackageImport>
{
    public void Configure(EntityTypeBuilder<FieldPackageImport> builder)
    {
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.Property(i => i.PackageSha256).HasMaxLength(64);
        builder.Property(i => i.ImportedBy).HasMaxLength(256);
        builder.HasOne<FieldKit>().WithMany().HasForeignKey(i => i.KitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(i => new { i.KitId, i.PackageSha256 });
        builder.HasIndex(i => new { i.CommuneId, i.ImportedAt });
    }
}

internal sealed class FieldCaptureFlagConfiguration : IEntityTypeConfiguration<FieldCaptureFlag>
{
    public void Configure(EntityTypeBuilder<FieldCaptureFlag> builder)
    {
        builder.Property(f => f.CapturedBy).HasMaxLength(256);
        builder.Property(f => f.ResolvedBy).HasMaxLength(256);
        builder.Property(f => f.PhotoSha256).HasMaxLength(64);
        builder.Property(f => f.SignatureSha256).HasMaxLength(64);
        builder.HasOne(f => f.Member).WithMany().HasForeignKey(f => f.MemberId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<FieldKit>().WithMany().HasForeignKey(f => f.KitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(f => f.IdempotencyKey).IsUnique();
        builder.HasIndex(f => new { f.CommuneId, f.ResolvedAt });
    }
}

internal sealed class FieldKitStateConfiguration : IEntityTypeConfiguration<FieldKitState>
{
    public void Configure(EntityTypeBuilder<FieldKitState> builder)
    {
        builder.HasKey(s => s.KitId);
        builder.Property(s => s.KitId).ValueGeneratedNever();
        builder.Property(s => s.OfficerUserId).HasMaxLength(450);
        builder.Property(s => s.StationPublicKey).HasMaxLength(512);
        builder.Property(s => s.WrappedSecrets).HasMaxLength(4000);
        builder.Property(s => s.WrapKdfJson).HasMaxLength(1000);
    }
}
