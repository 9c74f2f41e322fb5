using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using PartyCardIntake.Core.Data;

namespace PartyCardIntake.Migrations.SqlServer;

/// <summary>Used only by the EF tools when scaffolding (no server is contacted); the application configures its own context.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<AppDbContext>()
            .UseSqlServer("Server=127.0.0.1;Database=design_time;Integrated Security=false;TrustServerCertificate=true", o => o.MigrationsAssembly(typeof(DesignTimeFactory).Assembly.GetName().Name))
            .Options;
        return new AppDbContext(options, DataScope.System);
    }
}
