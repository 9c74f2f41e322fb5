using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace PartyCardIntake.MockRegistry;

public static class MockRegistryEndpoints
{
    public static IServiceCollection AddMockRegistry(this IServiceCollection services, int seed = Core.Demo.DemoPopulationGenerator.DefaultSeed) =>
        services.AddSingleton(new SyntheticPopulation(seed));

    /// <summary>Maps the registry's API under <paramref name="prefix"/> ("" when it runs alone).</summary>
    public static RouteGroupBuilder MapMockRegistry(this IEndpointRouteBuilder app, string prefix = "")
    {
        var group = app.MapGroup(prefix).WithTags("mock-registry");
        group.MapGet("/v1/citizens/{idNumber}", (string idNumber, SyntheticPopulation population) =>
            population.Find(idNumber) is { } citizen
                ? Results.Ok(citizen)
                : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Không tìm thấy công dân."));
        return group;
    }
}
