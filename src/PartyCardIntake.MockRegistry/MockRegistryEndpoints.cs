using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace PartyCardIntake.MockRegistry;

public static class MockRegistryEndpoints
{
    public static IServiceCollection AddMockRegistry(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(MockRegistryOptions.Section).Get<MockRegistryOptions>() ?? new MockRegistryOptions();
        services.AddSingleton(options);
        services.AddSingleton(new SyntheticPopulation(options.Seed, options.DiscrepancyShare));
        services.AddSingleton(new FaultSwitch(options.Faults));
        return services;
    }

    /// <summary>Maps the citizen API under <paramref name="prefix"/> ("" when the mock runs alone).</summary>
    public static RouteGroupBuilder MapMockRegistry(this IEndpointRouteBuilder app, string prefix = "")
    {
        var group = app.MapGroup(prefix).WithTags("mock-registry").ExcludeFromDescription();
        group.MapGet("/v1/citizens/{idNumber}", GetCitizenAsync);
        return group;
    }

    /// <summary>The fault switches: GET shows them, PUT replaces them, DELETE resets them and the counter.</summary>
    public static RouteGroupBuilder MapMockRegistryAdmin(this IEndpointRouteBuilder app, string prefix = "")
    {
        var admin = app.MapGroup($"{prefix}/admin/faults").WithTags("mock-registry").ExcludeFromDescription();
        admin.MapGet("/", (FaultSwitch faults) => Results.Ok(new { faults = faults.Current, requests = faults.Requests }));
        admin.MapPut("/", (RegistryFaults settings, FaultSwitch faults) =>
        {
            faults.Set(settings);
            return Results.Ok(new { faults = faults.Current, requests = faults.Requests });
        });
        admin.MapDelete("/", (FaultSwitch faults) =>
        {
            faults.Reset();
            return Results.NoContent();
        });
        return admin;
    }

    private static async Task<IResult> GetCitizenAsync(string idNumber, SyntheticPopulation population, FaultSwitch faults, HttpContext context)
    {
        faults.Count();
        var settings = faults.Current;
        var ct = context.RequestAborted;
        if (settings.Outage)
        {
            context.Abort();
            return Results.Empty;
        }

        if (settings.LatencyMilliseconds > 0)
        {
            await Task.Delay(settings.LatencyMilliseconds, ct);
        }

        if (settings.SlowRate > 0 && Random.Shared.NextDouble() < settings.SlowRate)
        {
            await Task.Delay(settings.SlowMilliseconds, ct);
        }

        if (settings.ThrottleRate > 0 && Random.Shared.NextDouble() < settings.ThrottleRate)
        {
            context.Response.Headers.RetryAfter = settings.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Results.StatusCode(StatusCodes.Status429TooManyRequests);
        }

        if (settings.ErrorRate > 0 && Random.Shared.NextDouble() < settings.ErrorRate)
        {
            return Results.StatusCode(settings.ErrorStatus);
        }

        return population.Find(idNumber) is { } citizen
            ? Results.Ok(citizen)
            : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Không tìm thấy công dân.");
    }
}
