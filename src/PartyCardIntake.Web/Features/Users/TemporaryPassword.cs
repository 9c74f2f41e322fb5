using System.Security.Cryptography;

namespace PartyCardIntake.Web.Features.Users;

/// <summary>
/// Passwords an Admin reads out or hands over once: four groups of four, lower case only (nothing to say about
/// capitals), without the look-alikes 0/o, 1/l/i. 16 letters and digits from 31 give about 79 bits.
/// </summary>
public static class TemporaryPassword
{
    public const string Alphabet = "abcdefghjkmnpqrstuvwxyz23456789";

    public const int Groups = 4;

    public const int GroupLength = 4;

    public static string Create() =>
        string.Join('-', Enumerable.Range(0, Groups).Select(_ => RandomNumberGenerator.GetString(Alphabet, GroupLength)));
}
