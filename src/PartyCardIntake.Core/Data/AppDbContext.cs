using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Core.Identity;

namespace PartyCardIntake.Core.Data;

public class AppDbContext : IdentityDbContext<AppUser, IdentityRole, string>, Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.IDataProtectionKeyContext
{
    // Query filters read these fields; EF turns them into parameters per context instance.
    private readonly bool _unrestricted;
    private readonly int? _provinceId;
    private readonly int? _communeId;

    public AppDbContext(DbContextOptions<AppDbContext> options, DataScope scope)
        : base(options)
    {
        ArgumentNullException.ThrowIfNull(scope);
        Scope = scope;
        _unrestricted = scope.Unrestricted;
        _provinceId = scope.ProvinceId;
        _communeId = scope.CommuneId;
    }

    public DataScope Scope { get; }

    public DbSet<Province> Provinces => Set<Province>();

    public DbSet<Commune> Communes => Set<Commune>();

    public DbSet<PartyCell> PartyCells => Set<PartyCell>();

    public DbSet<PartyMember> PartyMembers => Set<PartyMember>();

    public DbSet<IntakeSite> IntakeSites => Set<IntakeSite>();

    public DbSet<Device> Devices => Set<Device>();

    public DbSet<Application> Applications => Set<Application>();

    public DbSet<ApplicationCapture> ApplicationCaptures => Set<ApplicationCapture>();

    public DbSet<RegistryCheck> RegistryChecks => Set<RegistryCheck>();

    public DbSet<CaptureDraft> CaptureDrafts => Set<CaptureDraft>();

    public DbSet<MemberEvent> MemberEvents => Set<MemberEvent>();

    public DbSet<MemberImport> MemberImports => Set<MemberImport>();

    public DbSet<PreCheckRun> PreCheckRuns => Set<PreCheckRun>();

    public DbSet<WorklistItem> WorklistItems => Set<WorklistItem>();

    public DbSet<ScheduleSlot> ScheduleSlots => Set<ScheduleSlot>();

    public DbSet<SlotMember> SlotMembers => Set<SlotMember>();

    public DbSet<HomeVisit> HomeVisits => Set<HomeVisit>();

    public DbSet<ApplicationDayCount> ApplicationDayCounts => Set<ApplicationDayCount>();

    public DbSet<Transmission> Transmissions => Set<Transmission>();

    /// <summary>The keys that protect cookies and tokens, shared by every node (and kept across restarts) through the database.</summary>
    public DbSet<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey> DataProtectionKeys => Set<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey>();

    public DbSet<UserSession> UserSessions => Set<UserSession>();

    /// <summary>Not scope-filtered: only the audit writer and the administrators' page read it, and that page filters by province itself.</summary>
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<WorkerLease> WorkerLeases => Set<WorkerLease>();

    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder)
    {
        ArgumentNullException.ThrowIfNull(optionsBuilder);
        optionsBuilder.AddInterceptors(ApplicationCountsInterceptor.Instance);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);

        builder.Entity<Province>().HasQueryFilter(p => _unrestricted || p.Id == _provinceId);
        builder.Entity<Commune>().HasQueryFilter(c => _unrestricted || c.Id == _communeId
            || (_communeId == null && c.ProvinceId == _provinceId));
        builder.Entity<PartyCell>().HasQueryFilter(e => _unrestricted || e.CommuneId == _communeId
            || (_communeId == null && e.Commune!.ProvinceId == _provinceId));
        builder.Entity<PartyMember>().HasQueryFilter(e => _unrestricted || e.CommuneId == _communeId
            || (_communeId == null && e.Commune!.ProvinceId == _provinceId));
        builder.Entity<IntakeSite>().HasQueryFilter(e => _unrestricted || e.CommuneId == _communeId
            || (_communeId == null && e.Commune!.ProvinceId == _provinceId));
        builder.Entity<Device>().HasQueryFilter(e => _unrestricted || e.CommuneId == _communeId
            || (_communeId == null && e.IntakeSite!.Commune!.ProvinceId == _provinceId));
        builder.Entity<Application>().HasQueryFilter(e => _unrestricted || e.CommuneId == _communeId
            || (_communeId == null && e.Member!.Commune!.ProvinceId == _provinceId));
        builder.Entity<MemberEvent>().HasQueryFilter(e => _unrestricted || e.CommuneId == _communeId
            || (_communeId == null && e.Member!.Commune!.ProvinceId == _provinceId));
        builder.Entity<WorklistItem>().HasQueryFilter(e => _unrestricted || e.CommuneId == _communeId
            || (_communeId == null && e.Member!.Commune!.ProvinceId == _provinceId));

        builder.Entity<ScheduleSlot>().HasQueryFilter(e => _unrestricted || e.CommuneId == _communeId
            || (_communeId == null && e.IntakeSite!.Commune!.ProvinceId == _provinceId));

        builder.Entity<SlotMember>().HasQueryFilter(e => _unrestricted || e.CommuneId == _communeId
            || (_communeId == null && e.Member!.Commune!.ProvinceId == _provinceId));
        builder.Entity<HomeVisit>().HasQueryFilter(e => _unrestricted || e.CommuneId == _communeId
            || (_communeId == null && e.Member!.Commune!.ProvinceId == _provinceId));

        builder.Entity<ApplicationDayCount>().HasQueryFilter(e => _unrestricted || e.CommuneId == _communeId
            || (_communeId == null && e.Commune!.ProvinceId == _provinceId));

        builder.Entity<Transmission>().HasQueryFilter(e => _unrestricted || e.CommuneId == _communeId);

        // Imports and pre-check runs are the commune's own work; province users do not need them.
        builder.Entity<MemberImport>().HasQueryFilter(e => _unrestricted || e.CommuneId == _communeId);
        builder.Entity<PreCheckRun>().HasQueryFilter(e => _unrestricted || e.CommuneId == _communeId);
        builder.Entity<ApplicationCapture>().HasQueryFilter(e => _unrestricted || e.Application!.CommuneId == _communeId
            || (_communeId == null && e.Application!.Member!.Commune!.ProvinceId == _provinceId));
        // Drafts are the commune's own desks' work in progress; nobody above the commune reads them.
        builder.Entity<CaptureDraft>().HasQueryFilter(e => _unrestricted || e.CommuneId == _communeId);
        builder.Entity<RegistryCheck>().HasQueryFilter(e => _unrestricted || e.CommuneId == _communeId
            || (_communeId == null && e.Member!.Commune!.ProvinceId == _provinceId));
    }
}
