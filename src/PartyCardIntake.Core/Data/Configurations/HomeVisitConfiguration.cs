using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartyCardIntake.Core.Domain;

namespace PartyCardIntake.Core.Data.Configurations;

internal sealed class HomeVisitConfiguration : IEntityTypeConfiguration<HomeVisit>
{
    public void Configure(EntityTypeBuilder<HomeVisit> builder)
    {
        builder.Property(v => v.Start).IsWallClock();
        builder.Property(v => v.End).IsWallClock();
        builder.Property(v => v.Team).HasMaxLength(100).IsRequired();
        builder.Property(v => v.OfficerId).HasMaxLength(450);
        builder.Property(v => v.Address).HasMaxLength(500).IsRequired();
        builder.Property(v => v.Note).HasMaxLength(500);
        builder.Property(v => v.Status).HasConversion<string>().HasMaxLength(20);
        builder.HasOne(v => v.Member).WithMany().HasForeignKey(v => v.MemberId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Commune>().WithMany().HasForeignKey(v => v.CommuneId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Identity.AppUser>().WithMany().HasForeignKey(v => v.OfficerId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(v => new { v.CommuneId, v.Start });
        builder.HasIndex(v => new { v.OfficerId, v.Start });
        builder.HasIndex(v => v.MemberId);
    }
}
