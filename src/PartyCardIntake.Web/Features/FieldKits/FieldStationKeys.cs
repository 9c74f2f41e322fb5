using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Infrastructure.Database;

namespace PartyCardIntake.Web.Features.FieldKits;

/// <summary>
/// The commune's ECDSA P-256 key that signs its kits and receipts. Made on first use; the private half is kept only
/// under data protection, so a copy of the database alone cannot sign.
/// </summary>
public sealed class FieldStationKeys(ISystemDbContextFactory factory, IDataProtectionProvider protection, TimeProvider clock)
{
    public const string Purpose = "PartyCardIntake.Field.StationKey";

    /// <summary>The commune's key with its private half; the caller disposes it.</summary>
    public async Task<ECDsa> GetOrCreateAsync(int communeId, CancellationToken cancellationToken = default)
    {
        var protector = protection.CreateProtector(Purpose);
        if (await FindAsync(communeId, cancellationToken) is { } stored)
        {
            return Import(protector, stored);
        }

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var row = new FieldStationKey
        {
            CommuneId = communeId,
            PublicKey = key.ExportSubjectPublicKeyInfo(),
            PrivateKeyProtected = Convert.ToBase64String(protector.Protect(key.ExportPkcs8PrivateKey())),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        try
        {
            await using var db = factory.CreateDbContext();
            db.FieldStationKeys.Add(row);
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            // Another first call stored its key in the meantime: the commune has one key, that one.
        }

        return Import(protector, await FindAsync(communeId, cancellationToken) ?? throw new InvalidOperationException("The station key was not stored."));
    }

    public async Task<byte[]?> PublicKeyAsync(int communeId, CancellationToken cancellationToken = default) =>
        (await FindAsync(communeId, cancellationToken))?.PublicKey;

    private async Task<FieldStationKey?> FindAsync(int communeId, CancellationToken cancellationToken)
    {
        await using var db = factory.CreateDbContext();
        return await db.FieldStationKeys.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(k => k.CommuneId == communeId, cancellationToken);
    }

    private static ECDsa Import(IDataProtector protector, FieldStationKey row)
    {
        var key = ECDsa.Create();
        key.ImportPkcs8PrivateKey(protector.Unprotect(Convert.FromBase64String(row.PrivateKeyProtected)), out _);
        return key;
    }
}
