using System.Security.Cryptography;
using System.Text;
using FluentAssertions;
using PartyCardIntake.Core.Field;
using Xunit;

namespace PartyCardIntake.UnitTests.Field;

public class FieldEnvelopeTests
{
    private static readonly KdfParameters FastKdf = new(1024, 1, 1, Enumerable.Repeat((byte)7, 16).ToArray());

    private static (byte[] File, ECDsa Signer, byte[] Key) Sealed(FieldFileKind kind = FieldFileKind.Package, int plaintextLength = 3000)
    {
        var signer = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var key = RandomNumberGenerator.GetBytes(32);
        var header = new FieldEnvelopeHeader(1, Guid.NewGuid(), "04522", DateTimeOffset.UnixEpoch, signer.ExportSubjectPublicKeyInfo());
        var plaintext = Enumerable.Range(0, plaintextLength).Select(i => (byte)i).ToArray();
        return (FieldEnvelope.Seal(kind, header, plaintext, key, signer), signer, key);
    }

    [Fact]
    public void A_sealed_file_opens_with_its_key_and_signer_and_gives_the_same_bytes()
    {
        var (file, signer, key) = Sealed();

        var plaintext = FieldEnvelope.Open(file, FieldFileKind.Package, 1 << 20, key, signer);

        plaintext.Should().Equal(Enumerable.Range(0, 3000).Select(i => (byte)i));
        FieldEnvelope.ReadHeader(file, FieldFileKind.Package, 1 << 20).CommuneCode.Should().Be("04522");
    }

    [Fact]
    public void A_byte_flipped_anywhere_is_refused()
    {
        var (file, signer, key) = Sealed(plaintextLength: 200);
        for (var i = 0; i < file.Length; i++)
        {
            var copy = (byte[])file.Clone();
            copy[i] ^= 0x01;

            var open = () => FieldEnvelope.Open(copy, FieldFileKind.Package, 1 << 20, key, signer);

            open.Should().Throw<FieldFileException>($"byte {i} of {file.Length} was changed");
        }
    }

    [Fact]
    public void A_file_cut_short_or_extended_is_refused_as_truncated()
    {
        var (file, signer, key) = Sealed();
        foreach (var length in new[] { file.Length - 1, file.Length - 64, file.Length / 2, 100, 13 })
        {
            var open = () => FieldEnvelope.Open(file.AsSpan(0, length), FieldFileKind.Package, 1 << 20, key, signer);
            open.Should().Throw<FieldFileException>().Which.Error.Should().Be(FieldFileError.Truncated, $"cut at {length}");
        }

        var longer = () => FieldEnvelope.Open([.. file, 0], FieldFileKind.Package, 1 << 20, key, signer);
        longer.Should().Throw<FieldFileException>().Which.Error.Should().Be(FieldFileError.Truncated);
    }

    [Fact]
    public void Another_signer_wrong_key_wrong_kind_and_oversize_each_have_their_own_error()
    {
        var (file, signer, key) = Sealed();
        using var stranger = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        Error(() => FieldEnvelope.Open(file, FieldFileKind.Package, 1 << 20, key, stranger)).Should().Be(FieldFileError.SignatureInvalid);
        Error(() => FieldEnvelope.Open(file, FieldFileKind.Package, 1 << 20, RandomNumberGenerator.GetBytes(32), signer)).Should().Be(FieldFileError.DecryptionFailed);
        Error(() => FieldEnvelope.Open(file, FieldFileKind.Kit, 1 << 20, key, signer)).Should().Be(FieldFileError.NotThisKind);
        Error(() => FieldEnvelope.Open(file, FieldFileKind.Package, 1000, key, signer)).Should().Be(FieldFileError.TooLarge);
        Error(() => FieldEnvelope.ReadHeader(Encoding.UTF8.GetBytes("PK\u0003\u0004 a zip file"), FieldFileKind.Package, 1 << 20)).Should().Be(FieldFileError.NotThisKind);
    }

    [Fact]
    public void A_kit_opens_with_the_typed_passphrase_however_it_is_spaced_and_cased()
    {
        var passphrase = FieldPassphrase.Generate();
        passphrase.Should().MatchRegex("^([2-9A-HJKMNP-Z]{4}-){4}[2-9A-HJKMNP-Z]{4}$");
        using var signer = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var key = FieldKeyDerivation.Derive(FieldPassphrase.Normalize(passphrase), FastKdf);
        var header = new FieldEnvelopeHeader(1, Guid.NewGuid(), "04522", DateTimeOffset.UnixEpoch, signer.ExportSubjectPublicKeyInfo(), FastKdf);
        var file = FieldEnvelope.Seal(FieldFileKind.Kit, header, "kit"u8, key, signer);

        var typed = passphrase.ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal);
        var read = FieldEnvelope.ReadHeader(file, FieldFileKind.Kit, 1 << 20);
        var again = FieldKeyDerivation.Derive(FieldPassphrase.Normalize(typed), read.Kdf!);

        FieldEnvelope.Open(file, FieldFileKind.Kit, 1 << 20, again, signer).Should().Equal("kit"u8.ToArray());
        var wrong = FieldKeyDerivation.Derive(FieldPassphrase.Normalize(typed + "X"), read.Kdf!);
        Error(() => FieldEnvelope.Open(file, FieldFileKind.Kit, 1 << 20, wrong, signer)).Should().Be(FieldFileError.DecryptionFailed);
    }

    [Fact]
    public void Key_derivation_refuses_parameters_a_crafted_header_could_use_to_exhaust_memory()
    {
        Error(() => FieldKeyDerivation.Derive("x", FastKdf with { MemoryKiB = 8 * 1024 * 1024 })).Should().Be(FieldFileError.Malformed);
        Error(() => FieldKeyDerivation.Derive("x", FastKdf with { Iterations = 1000 })).Should().Be(FieldFileError.Malformed);
        Error(() => FieldKeyDerivation.Derive("x", FastKdf with { Salt = [1, 2] })).Should().Be(FieldFileError.Malformed);
        FieldKeyDerivation.Derive("x", FastKdf).Should().HaveCount(32).And.Equal(FieldKeyDerivation.Derive("x", FastKdf));
        FieldKeyDerivation.Derive("x", FastKdf with { Salt = Enumerable.Repeat((byte)8, 16).ToArray() }).Should().NotEqual(FieldKeyDerivation.Derive("x", FastKdf), "the salt is used");
        FieldKeyDerivation.Derive("y", FastKdf).Should().NotEqual(FieldKeyDerivation.Derive("x", FastKdf));
    }

    [Fact]
    public void A_fingerprint_is_the_first_16_bytes_of_the_keys_SHA_256_in_groups_of_four()
    {
        // SHA-256("abc") = ba7816bf 8f01cfea 414140de 5dae2223 b00361a3 …
        FieldEnvelope.Fingerprint("abc"u8).Should().Be("BA78-16BF-8F01-CFEA-4141-40DE-5DAE-2223");
    }

    private static FieldFileError Error(Action action)
    {
        try
        {
            action();
        }
        catch (FieldFileException e)
        {
            return e.Error;
        }

        throw new InvalidOperationException("no FieldFileException");
    }

    private static FieldFileError Error<T>(Func<T> action) => Error(() => { _ = action(); });
}
