using System.Net;
using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.Infrastructure.Database;
using PartyCardIntake.Tests.Shared;

namespace PartyCardIntake.IntegrationTests.Planning;

/// <summary>A server without Chromium still starts and serves pages; only printing answers 503, in Vietnamese.</summary>
public abstract class NoticePdfWithoutChromiumTests(NoChromiumApp fixture)
{
    [Fact]
    public async Task Printing_without_chromium_answers_503_with_a_vietnamese_page_and_the_app_keeps_working()
    {
        var app = fixture.App;
        int cellId;
        await using (var db = app.Database.CreateContext(DataScope.System))
        {
            var commune = DemoPopulationGenerator.DefaultShapes[0].Code;
            cellId = await db.PartyCells.Where(c => c.Commune!.Code == commune).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync();
        }

        using var client = app.CreateClient(new() { AllowAutoRedirect = false });
        await SignInClient.SignInAsync(client, DemoAccounts.Lead);

        using var notice = await client.GetAsync($"/planning/cells/{cellId}/notice.pdf");
        notice.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        notice.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        var page = await notice.Content.ReadAsStringAsync();
        page.Should().Contain("data-testid=\"pdf-unavailable\"").And.Contain("data-testid=\"current-user\"").And.Contain("Chưa in được tệp PDF").And.Contain("trình duyệt Chromium");

        using var schedule = await client.GetAsync("/planning/schedule.pdf");
        schedule.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);

        (await client.GetAsync("/planning")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    public sealed class OnSqlite(SqliteNoChromiumApp app) : NoticePdfWithoutChromiumTests(app), IClassFixture<SqliteNoChromiumApp>;

    public sealed class OnPostgreSql(PostgreSqlNoChromiumApp app) : NoticePdfWithoutChromiumTests(app), IClassFixture<PostgreSqlNoChromiumApp>;

    public sealed class OnSqlServer(SqlServerNoChromiumApp app) : NoticePdfWithoutChromiumTests(app), IClassFixture<SqlServerNoChromiumApp>;
}

/// <summary>An application of its own whose configured Chromium does not exist.</summary>
public abstract class NoChromiumApp : IAsyncLifetime
{
    protected NoChromiumApp(DatabaseProvider provider)
    {
        App = new PartyCardAppFactory(provider);
        App.Set("Pdf:ChromiumPath", "/nonexistent/chromium-" + Guid.NewGuid().ToString("N"));
    }

    public PartyCardAppFactory App { get; }

    public Task InitializeAsync()
    {
        _ = App.Server;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}

public sealed class SqliteNoChromiumApp() : NoChromiumApp(DatabaseProvider.Sqlite);

public sealed class PostgreSqlNoChromiumApp() : NoChromiumApp(DatabaseProvider.PostgreSql);

public sealed class SqlServerNoChromiumApp() : NoChromiumApp(DatabaseProvider.SqlServer);
