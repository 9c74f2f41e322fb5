using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;
using PartyCardIntake.Tests.Shared;

namespace PartyCardIntake.IntegrationTests.Api;

/// <summary>
/// Checks recorded /api answers against the OpenAPI document: the status is documented for the operation,
/// the content type is one documented for that status, and the body validates against its schema
/// (JSON Schema 2020-12, formats asserted). An answer on no operation's path must be a 404 or 405 problem.
/// </summary>
public sealed class ApiContract
{
    private const string ProblemJson = "application/problem+json";

    private static readonly EvaluationOptions Options = new()
    {
        OutputFormat = OutputFormat.List,
        RequireFormatValidation = true,
    };

    private readonly JsonObject _document;
    private readonly List<(Regex Path, string Template)> _paths;
    private readonly Dictionary<string, JsonSchema> _schemas = new(StringComparer.Ordinal);

    public ApiContract(string openApiJson)
    {
        _document = JsonNode.Parse(openApiJson)!.AsObject();
        _paths = _document["paths"]!.AsObject()
            .Select(p => (new Regex("^" + Regex.Replace(Regex.Escape(p.Key), @"\\\{[^/]+?}", "[^/]+") + "$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant), p.Key))
            .ToList();
    }

    public static async Task<ApiContract> OfAsync(PartyCardAppFactory factory)
    {
        using var client = factory.CreateClient();
        return new ApiContract(await client.GetStringAsync("/openapi/v1.json"));
    }

    /// <summary>Every recorded answer of the factory's application, checked; the failures, one line each.</summary>
    public static Task VerifyAsync(PartyCardAppFactory factory) => VerifyAsync(factory, factory.ApiResponses.Responses);

    public static async Task VerifyAsync(PartyCardAppFactory factory, IEnumerable<RecordedApiResponse> responses)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var contract = await OfAsync(factory);
        var failures = responses.ToList().SelectMany(contract.Check).Distinct().ToList();
        if (failures.Count > 0)
        {
            throw new ApiContractException(
                $"{failures.Count} /api answer(s) differ from /openapi/v1.json:{Environment.NewLine}" + string.Join(Environment.NewLine, failures.Take(50)));
        }
    }

    /// <summary>What is wrong with one answer; nothing when it matches the document.</summary>
    public IEnumerable<string> Check(RecordedApiResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var where = $"{response.Method} {response.Path} → {response.Status} {response.ContentType}";
        var mediaType = response.ContentType is null ? null : MediaTypeHeaderValue.Parse(response.ContentType).MediaType;
        var template = _paths.FirstOrDefault(p => p.Path.IsMatch(response.Path)).Template;
        var operation = template is null ? null : _document["paths"]![template]![response.Method.ToLowerInvariant()];
        if (operation is null)
        {
            // No such operation: only "not here" answers are allowed, as problems.
            if (response.Status is not (404 or 405) || mediaType != ProblemJson)
            {
                yield return $"{where}: no operation documents this path and method";
                yield break;
            }

            foreach (var error in Validate("#/components/schemas/ProblemDetails", response.Body))
            {
                yield return $"{where}: {error}";
            }

            yield break;
        }

        var documented = operation["responses"]?[response.Status.ToString(System.Globalization.CultureInfo.InvariantCulture)];
        if (documented is null)
        {
            yield return $"{where}: status {response.Status} is not documented for {response.Method} {template}";
            yield break;
        }

        var content = documented["content"]?.AsObject();
        if (content is null || content.Count == 0)
        {
            if (response.Body.Length > 0)
            {
                yield return $"{where}: a body where the document has none";
            }

            yield break;
        }

        if (mediaType is null || content[mediaType] is not { } media)
        {
            yield return $"{where}: content type {mediaType ?? "(none)"} is not documented (documented: {string.Join(", ", content.Select(c => c.Key))})";
            yield break;
        }

        if (media["schema"] is not { } schema)
        {
            yield break;
        }

        foreach (var error in Validate(schema.ToJsonString(), response.Body, inline: true))
        {
            yield return $"{where}: {error}";
        }
    }

    private IEnumerable<string> Validate(string schema, string body, bool inline = false)
    {
        JsonNode? instance;
        string? parseError = null;
        try
        {
            instance = JsonNode.Parse(body);
        }
        catch (System.Text.Json.JsonException e)
        {
            instance = null;
            parseError = e.Message;
        }

        if (parseError is not null)
        {
            return [$"the body is not JSON ({parseError})"];
        }

        var results = Schema(inline ? schema : $$"""{"$ref":"{{schema}}"}""").Evaluate(instance, Options);
        return results.IsValid
            ? []
            : (results.Details ?? []).Where(d => d.Errors is { Count: > 0 })
                .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value} ({d.EvaluationPath})"))
                .DefaultIfEmpty("the body does not match its schema");
    }

    /// <summary>One schema with the document's component schemas beside it as $defs, so that its references resolve.</summary>
    private JsonSchema Schema(string schema)
    {
        lock (_schemas)
        {
            if (_schemas.TryGetValue(schema, out var built))
            {
                return built;
            }

            var node = JsonNode.Parse(schema)!.AsObject();
            node["$schema"] = "https://json-schema.org/draft/2020-12/schema";
            node["$id"] = $"https://partycard.test/contract/{_schemas.Count}-{Guid.NewGuid():N}";
            node["$defs"] = _document["components"]?["schemas"]?.DeepClone() ?? new JsonObject();
            var text = node.ToJsonString().Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal);
            built = JsonSchema.FromText(text);
            _schemas[schema] = built;
            return built;
        }
    }
}

public sealed class ApiContractException(string message) : Exception(message);
