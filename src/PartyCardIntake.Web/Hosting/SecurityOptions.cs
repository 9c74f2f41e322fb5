namespace PartyCardIntake.Web.Hosting;

/// <summary>Section "Security": transport rules that depend on how the application is reached.</summary>
public sealed class SecurityOptions
{
    public const string Section = "Security";

    /// <summary>
    /// HTTPS redirection, HSTS, Secure cookies with the <c>__Host-</c> prefix. Unset means on, except in
    /// demo mode and in development, which run on plain http on the local machine.
    /// </summary>
    public bool? RequireHttps { get; set; }

    public static bool HttpsRequired(IConfiguration configuration, IHostEnvironment environment) =>
        configuration.GetValue<bool?>($"{Section}:{nameof(RequireHttps)}")
        ?? !(environment.IsDevelopment() || configuration.GetValue<bool>($"{DemoOptions.Section}:{nameof(DemoOptions.Enabled)}"));
}

/// <summary>Section "RateLimits": requests allowed per minute before the answer is 429.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Sign-in attempts (page and token endpoint together) per client address.</summary>
    public int SignInPerMinute { get; set; } = 10;

    /// <summary>API requests per signed-in user, or per client address when anonymous.</summary>
    public int ApiPerMinute { get; set; } = 300;
}
