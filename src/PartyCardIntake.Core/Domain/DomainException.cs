namespace PartyCardIntake.Core.Domain;

/// <summary>A business rule refused an operation; <see cref="Code"/> selects the message shown to the user.</summary>
public sealed class DomainException : Exception
{
    public DomainException(string code)
        : base(code) => Code = code;

    public DomainException()
        : this("domain")
    {
    }

    public DomainException(string message, Exception innerException)
        : base(message, innerException) => Code = message;

    public string Code { get; }
}
