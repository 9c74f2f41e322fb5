namespace PartyCardIntake.Web.Hosting.OpenApi;

/// <summary>The document at /openapi/v1.json and the answers every /api/v1 operation may give.</summary>
internal static class OpenApiSetup
{
    public static IServiceCollection AddPartyCardOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(o =>
        {
            o.AddDocumentTransformer<BearerSecurityTransformer>();
            o.AddOperationTransformer<BearerSecurityTransformer>();
            o.AddSchemaTransformer<ApiValuesSchemaTransformer>();
            o.AddSchemaTransformer<ValidatorBoundsTransformer>();
        });

    /// <summary>
    /// Answers any operation can give whatever its input: no or a revoked token (401), a role without the
    /// right (403), an unknown id or route (404), the rate limit (429), a fault of ours (500, no details), the
    /// database unreachable for a moment (503, with Retry-After).
    /// </summary>
    public static RouteGroupBuilder WithApiProblems(this RouteGroupBuilder api)
    {
        api.ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status500InternalServerError)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return api;
    }

    /// <summary>An operation that reads a JSON body: malformed or mistyped input (400) and another media type (415).</summary>
    public static RouteHandlerBuilder AcceptsJsonBody(this RouteHandlerBuilder endpoint) =>
        endpoint.ProducesValidationProblem()
            .ProducesValidationProblem(StatusCodes.Status415UnsupportedMediaType);
}
