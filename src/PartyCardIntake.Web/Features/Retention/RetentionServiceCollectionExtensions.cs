using PartyCardIntake.Web.Features.Retention;

// In the container's own namespace, like ASP.NET Core's Add* extensions: the host adds one call and no using.
namespace Microsoft.Extensions.DependencyInjection;

internal static class RetentionServiceCollectionExtensions
{
    /// <summary>The retention rule for photos and signatures: options (section "Retention"), the rule and its worker.</summary>
    public static IServiceCollection AddRetention(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RetentionOptions>()
            .Bind(configuration.GetSection(RetentionOptions.Section))
            .Validate(o => o.IsValid, "Retention:MediaDays must be at least 1, Retention:Interval positive and Retention:BatchSize between 1 and 10000.")
            .ValidateOnStart();
        services.AddSingleton<MediaRetention>();
        services.AddHostedService<RetentionWorker>();
        return services;
    }
}
