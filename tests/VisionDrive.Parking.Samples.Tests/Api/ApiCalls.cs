using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using VisionDrive.Parking.Samples.Tests.Support;

namespace VisionDrive.Parking.Samples.Tests.Api;

public sealed record ApiAnswer(HttpStatusCode Status, string? MediaType, string Body)
{
    /// <summary>The <c>ETag</c> header, when the answer has one.</summary>
    public string? ETag { get; init; }

    /// <summary>The <c>Location</c> header, when the answer has one.</summary>
    public string? Location { get; init; }

    public JsonNode Json => JsonNode.Parse(Body)!;

    public string Canonical => JsonCompare.Canonical(Body);
}

public static class ApiCalls
{
    public static async Task<ApiAnswer> SendAsync(this RunningApi api, string path, string? tenant = null, HttpMethod? method = null)
    {
        using var request = new HttpRequestMessage(method ?? HttpMethod.Get, path);
        if (tenant is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Tenant-Id", tenant);
        }

        using var response = await api.Client.SendAsync(request);
        return new ApiAnswer(response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync());
    }

    /// <summary>An admin request: a JSON body (when given) and an <c>If-Match</c> header (when given); the answer keeps its ETag and Location.</summary>
    public static async Task<ApiAnswer> WriteAsync(this RunningApi api, HttpMethod method, string path, string? json = null, string? ifMatch = null, string? tenant = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (tenant is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Tenant-Id", tenant);
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        }

        using var response = await api.Client.SendAsync(request);
        return new ApiAnswer(response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync())
        {
            ETag = response.Headers.ETag?.ToString(),
            Location = response.Headers.Location?.OriginalString,
        };
    }
}
