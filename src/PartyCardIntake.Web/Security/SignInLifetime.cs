namespace PartyCardIntake.Web.Security;

/// <summary>How long a sign-in lasts: it ends after <see cref="IdleTimeout"/> without a request, and after <see cref="AbsoluteLifetime"/> in any case.</summary>
public sealed class SignInLifetime
{
    public const string Section = "Sessions";

    /// <summary>An hour: a desk between two cells stays signed in; a forgotten screen does not.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromHours(1);

    /// <summary>One working shift.</summary>
    public TimeSpan AbsoluteLifetime { get; set; } = TimeSpan.FromHours(12);
}
