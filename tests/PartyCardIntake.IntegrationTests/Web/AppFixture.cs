using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.Infrastructure.Database;
using PartyCardIntake.Tests.Shared;

namespace PartyCardIntake.IntegrationTests.Web;

/// <summary>One running application with the demo campaign per test class and provider.</summary>
public abstract class AppFixture : IAsyncLifetime
{
    protected AppFixture(DatabaseProvider provider) => Factory = new PartyCardAppFactory(provider);

    public PartyCardAppFactory Factory { get; }

    public int CommuneOne { get; private set; }

    public int CommuneTwo { get; private set; }

    /// <summary>Members already used by a test, so that tests sharing this application do not collide.</summary>
    public HashSet<int> TakenMembers { get; } = [];

    /// <summary>The first of the candidates no other test has taken, now taken: tests share the app's members.</summary>
    public int TakeMember(IEnumerable<int> candidates)
    {
        lock (TakenMembers)
        {
            var id = candidates.First(c => !TakenMembers.Contains(c));
            TakenMembers.Add(id);
            return id;
        }
    }

    public async Task InitializeAsync()
    {
        _ = Factory.Server;
        await using var db = Factory.Database.CreateContext(DataScope.System);
        var codes = DemoPopulationGenerator.DefaultShapes.Select(s => s.Code).ToList();
        CommuneOne = await db.Communes.Where(c => c.Code == codes[0]).Select(c => c.Id).SingleAsync();
        CommuneTwo = await db.Communes.Where(c => c.Code == codes[1]).Select(c => c.Id).SingleAsync();
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();

    /// <summary>A client that keeps cookies and shows redirects instead of following them.</summary>
    public HttpClient CreateBrowserClient() =>
        Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public async Task<HttpClient> SignedInClientAsync(string userName)
    {
        var client = CreateBrowserClient();
        await SignInClient.SignInAsync(client, userName);
        return client;
    }

    public AppDbContext SystemContext() => Factory.Database.CreateContext(DataScope.System);
}

/// <summary>Shared by the web test classes of one provider; they run one after another on it.</summary>
public sealed class SqliteApp() : AppFixture(DatabaseProvider.Sqlite)
{
    public const string Collection = "web-sqlite";
}

public sealed class PostgreSqlApp() : AppFixture(DatabaseProvider.PostgreSql)
{
    public const string Collection = "web-postgresql";
}

/// <summary>Only with PARTYCARD_TEST_SQLSERVER set; without it the collection's tests are skipped.</summary>
public sealed class SqlServerApp() : AppFixture(DatabaseProvider.SqlServer)
{
    public const string Collection = "web-sqlserver";
}

[CollectionDefinition(SqliteApp.Collection)]
public sealed class SqliteAppGroup : ICollectionFixture<SqliteApp>;

[CollectionDefinition(PostgreSqlApp.Collection)]
public sealed class PostgreSqlAppGroup : ICollectionFixture<PostgreSqlApp>;

[CollectionDefinition(SqlServerApp.Collection)]
public sealed class SqlServerAppGroup : ICollectionFixture<SqlServerApp>;
