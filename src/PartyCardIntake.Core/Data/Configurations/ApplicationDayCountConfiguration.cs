using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartyCardIntake.Core.Domain;

namespace PartyCardIntake.Core.Data.Configurations;

internal sealed class ApplicationDayCountConfiguration : IEntityTypeConfiguration<ApplicationDayCount>
{
    public void Configure(EntityTypeBuilder<ApplicationDayCount> builder)
    {
        // The key is what the upsert in ApplicationCounts conflicts on; keep the two in step.
        builder.ToTable(ApplicationCounts.Table);
        builder.HasKey(c => new { c.CommuneId, c.Day, c.State, c.Verification, c.HasWarnings });
        builder.Property(c => c.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.Verification).HasConversion<string>().HasMaxLength(20);
        builder.HasOne(c => c.Commune).WithMany().HasForeignKey(c => c.CommuneId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => c.Day);
    }
}
