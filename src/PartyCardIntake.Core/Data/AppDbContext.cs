using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Core.Identity;

namespace PartyCardIntake.Core.Data;

public class AppDbContext : IdentityDbContext<AppUser, IdentityRole, string>, Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.IDataProtectionKeyContext
{
    // Query filters read these fields; EF turns them into parameters per context instance. The filters' shape
    // depends on the scope's kind, so each kind has a model of its own (ScopeModelCacheKeyFactory); the system scope's has none.
    private readonly int? _provinceId;
    private readonly int? _communeId;

    public AppDbContext(DbContextOptions<AppDbContext> options, DataScope scope)
        : base(options)
    {
        ArgumentNullException.ThrowIfNull(scope);
        Scope = scope;
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

    public DbSet<FieldKit> FieldKits => Set<FieldKit>();

    public DbSet<FieldStationKey> FieldStationKeys => Set<FieldStationKey>();

    public DbSet<FieldPackageImport> FieldPackageImports => Set<FieldPackageImport>();

    public DbSet<FieldCaptureFlag> FieldCaptureFlags => Set<FieldCaptureFlag>();

    /// <summary>Only on a visiting laptop in field mode: the kit it runs on.</summary>
    public DbSet<FieldKitState> FieldKitStates => Set<FieldKitState>();

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
        optionsBuilder.ReplaceService<Microsoft.EntityFrameworkCore.Infrastructure.IModelCacheKeyFactory, ScopeModelCacheKeyFactory>();
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
        if (Database.RunsOnSqlServer())
        {
            ForSqlServer(builder);
        }

        switch (Scope.Kind)
        {
            case ScopeKind.Commune:
                AddCommuneFilters(builder);
                break;
            case ScopeKind.Province:
                AddProvinceFilters(builder);
                break;
        }
    }

    // The few mappings whose SQL differs on SQL Server; SQLite and PostgreSQL share the configurations' own.
    private static void ForSqlServer(ModelBuilder builder)
    {
        WallClock.ForSqlServer(builder);
        builder.Entity<Application>().HasIndex(a => a.MemberId).HasFilter(SqlServerSql.ActiveApplicationFilter);
    }

    // One column compared per row: a commune's queries (the desk's, every commune page's) join nothing for the filter.
    private void AddCommuneFilters(ModelBuilder builder)
    {
        // The province row is readable for the campaign settings.
        builder.Entity<Province>().HasQueryFilter(p => p.Id == _provinceId);
        builder.Entity<Commune>().HasQueryFilter(c => c.Id == _communeId);
        builder.Entity<PartyCell>().HasQueryFilter(e => e.CommuneId == _communeId);
        builder.Entity<PartyMember>().HasQueryFilter(e => e.CommuneId == _communeId);
        builder.Entity<IntakeSite>().HasQueryFilter(e => e.CommuneId == _communeId);
        builder.Entity<Device>().HasQueryFilter(e => e.CommuneId == _communeId);
        builder.Entity<Application>().HasQueryFilter(e => e.CommuneId == _communeId);
        builder.Entity<MemberEvent>().HasQueryFilter(e => e.CommuneId == _communeId);
        builder.Entity<WorklistItem>().HasQueryFilter(e => e.CommuneId == _communeId);
        builder.Entity<ScheduleSlot>().HasQueryFilter(e => e.CommuneId == _communeId);
        builder.Entity<SlotMember>().HasQueryFilter(e => e.CommuneId == _communeId);
        builder.Entity<HomeVisit>().HasQueryFilter(e => e.CommuneId == _communeId);
        builder.Entity<FieldKit>().HasQueryFilter(e => e.CommuneId == _communeId);
        builder.Entity<FieldPackageImport>().HasQueryFilter(e => e.CommuneId == _communeId);
        builder.Entity<FieldCaptureFlag>().HasQueryFilter(e => e.CommuneId == _communeId);
        builder.Entity<FieldStationKey>().HasQueryFilter(e => e.CommuneId == _communeId);
        builder.Entity<ApplicationDayCount>().HasQueryFilter(e => e.CommuneId == _communeId);
        builder.Entity<Transmission>().HasQueryFilter(e => e.CommuneId == _communeId);
        builder.Entity<MemberImport>().HasQueryFilter(e => e.CommuneId == _communeId);
        builder.Entity<PreCheckRun>().HasQueryFilter(e => e.CommuneId == _communeId);
        builder.Entity<ApplicationCapture>().HasQueryFilter(e => e.Application!.CommuneId == _communeId);
        builder.Entity<CaptureDraft>().HasQueryFilter(e => e.CommuneId == _communeId);
        builder.Entity<RegistryCheck>().HasQueryFilter(e => e.CommuneId == _communeId);
    }

    // A province sees its communes' rows, found through the commune's province.
    private void AddProvinceFilters(ModelBuilder builder)
    {
        builder.Entity<Province>().HasQueryFilter(p => p.Id == _provinceId);
        builder.Entity<Commune>().HasQueryFilter(c => c.ProvinceId == _provinceId);
        builder.Entity<PartyCell>().HasQueryFilter(e => e.Commune!.ProvinceId == _provinceId);
        builder.Entity<PartyMember>().HasQueryFilter(e => e.Commune!.ProvinceId == _provinceId);
        builder.Entity<IntakeSite>().HasQueryFilter(e => e.Commune!.ProvinceId == _provinceId);
        builder.Entity<Device>().HasQueryFilter(e => e.IntakeSite!.Commune!.ProvinceId == _provinceId);
        builder.Entity<Application>().HasQueryFilter(e => e.Member!.Commune!.ProvinceId == _provinceId);
        builder.Entity<MemberEvent>().HasQueryFilter(e => e.Member!.Commune!.ProvinceId == _provinceId);
        builder.Entity<WorklistItem>().HasQueryFilter(e => e.Member!.Commune!.ProvinceId == _provinceId);
        builder.Entity<ScheduleSlot>().HasQueryFilter(e => e.IntakeSite!.Commune!.ProvinceId == _provinceId);
        builder.Entity<SlotMember>().HasQueryFilter(e => e.Member!.Commune!.ProvinceId == _provinceId);
        builder.Entity<HomeVisit>().HasQueryFilter(e => e.Member!.Commune!.ProvinceId == _provinceId);
        builder.Entity<FieldKit>().HasQueryFilter(e => false);
        builder.Entity<FieldPackageImport>().HasQueryFilter(e => false);
        builder.Entity<FieldCaptureFlag>().HasQueryFilter(e => false);
        builder.Entity<FieldStationKey>().HasQueryFilter(e => false);
        builder.Entity<ApplicationDayCount>().HasQueryFilter(e => e.Commune!.ProvinceId == _provinceId);

        // Transmissions, imports, pre-check runs and drafts are the commune's own work; province users do not need them.
        builder.Entity<Transmission>().HasQueryFilter(e => false);
        builder.Entity<MemberImport>().HasQueryFilter(e => false);
        builder.Entity<PreCheckRun>().HasQueryFilter(e => false);
        builder.Entity<CaptureDraft>().HasQueryFilter(e => false);
        builder.Entity<ApplicationCapture>().HasQueryFilter(e => e.Application!.Member!.Commune!.ProvinceId == _provinceId);
        builder.Entity<RegistryCheck>().HasQueryFilter(e => e.Member!.Commune!.ProvinceId == _provinceId);
    }
}
