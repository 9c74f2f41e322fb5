using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartyCardIntake.Core.Domain;

namespace PartyCardIntake.Core.Data.Configurations;

internal sealed class ApplicationConfiguration : IEntityTypeConfiguration<Application>
{
    public void Configure(EntityTypeBuilder<Application> builder)
    {
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.Verification).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.SubmittedBy).HasMaxLength(450).IsRequired();
        builder.Property(a => a.ApprovedBy).HasMaxLength(450);
        builder.Property(a => a.ReturnReason).HasMaxLength(1000);
        builder.Property(a => a.Version).IsConcurrencyToken();
        builder.Ignore(a => a.IsActive);

        builder.HasOne(a => a.Member).WithMany().HasForeignKey(a => a.MemberId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Commune>().WithMany().HasForeignKey(a => a.CommuneId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<IntakeSite>().WithMany().HasForeignKey(a => a.IntakeSiteId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Device>().WithMany().HasForeignKey(a => a.DeviceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Transmission>().WithMany().HasForeignKey(a => a.TransmissionId).OnDelete(DeleteBehavior.Restrict);

        // At most one active application per member, enforced by the database itself. SQLite and PostgreSQL share
        // this filter; SQL Server gets its own (SqlServerSql.ActiveApplicationFilter, AppDbContext).
        builder.HasIndex(a => a.MemberId)
            .IsUnique()
            .HasFilter("\"State\" <> 'Cancelled'")
            .HasDatabaseName("UX_Applications_ActiveMember");
        builder.HasIndex(a => a.IdempotencyKey).IsUnique();
        builder.HasIndex(a => new { a.Verification, a.NextVerificationAt });
        builder.HasIndex(a => new { a.CommuneId, a.State });
        builder.HasIndex(a => new { a.CommuneId, a.SubmittedAt });
    }
}
