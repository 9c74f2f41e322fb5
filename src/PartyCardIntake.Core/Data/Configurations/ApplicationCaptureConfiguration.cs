using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartyCardIntake.Core.Domain;

namespace PartyCardIntake.Core.Data.Configurations;

internal sealed class ApplicationCaptureConfiguration : IEntityTypeConfiguration<ApplicationCapture>
{
    public void Configure(EntityTypeBuilder<ApplicationCapture> builder)
    {
        builder.HasKey(c => c.ApplicationId);
        builder.Property(c => c.Photo).IsRequired();
        builder.Property(c => c.Signature).IsRequired();
        builder.Property(c => c.SignatureStrokes).IsRequired();
        builder.Property(c => c.PhotoSha256).HasMaxLength(64).IsFixedLength().IsUnicode(false);
        builder.Property(c => c.SignatureSha256).HasMaxLength(64).IsFixedLength().IsUnicode(false);
        builder.HasOne(c => c.Application).WithOne(a => a.Capture)
            .HasForeignKey<ApplicationCapture>(c => c.ApplicationId)
            .OnDelete(DeleteBehavior.Cascade);
    }
}
