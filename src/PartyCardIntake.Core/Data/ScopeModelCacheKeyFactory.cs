using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace PartyCardIntake.Core.Data;

/// <summary>One model per <see cref="ScopeKind"/>, since the query filters differ in shape between kinds, not only in values.</summary>
internal sealed class ScopeModelCacheKeyFactory : IModelCacheKeyFactory
{
    public object Create(DbContext context, bool designTime) =>
        (context.GetType(), (context as AppDbContext)?.Scope.Kind, designTime);
}
