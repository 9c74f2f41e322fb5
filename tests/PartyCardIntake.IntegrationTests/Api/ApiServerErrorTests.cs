using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.Infrastructure.Database;
using PartyCardIntake.Tests.Shared;

namespace PartyCardIntake.IntegrationTests.Api;

/// <summary>A fault behind an API route is a 500 problem, never the pages' error handler nor its form page.</summary>
public sealed class ApiServerErrorTests
{
    [Fact]
    public async Task A_failing_post_answers_a_500_problem_without_details()
    {
        await using var factory = new PartyCardAppFactory(DatabaseProvider.Sqlite);
        _ = factory.Server;
        await using (var db = factory.Database.CreateContext(DataScope.System))
        {
            // The token endpoint's first query now fails with a database error that is not "busy": a fault.
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE AspNetUsers RENAME TO AspNetUsersGone");
        }

        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        using var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = DemoAccounts.Admin, password = PartyCardAppFactory.DemoPassword });
        var problem = await ApiClients.ProblemAsync(response, 500);
        var text = problem.ToString();
        text.Should().NotContain("AspNetUsers").And.NotContain("Exception").And.NotContain("   at ");
        problem.TryGetProperty("detail", out _).Should().BeFalse();
    }
}
