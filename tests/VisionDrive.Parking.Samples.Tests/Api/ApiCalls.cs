using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using VisionDrive.Parking.Samples.Tests.Support;

namespace VisionDrive.Parking.Samples.Tests.Api;

public sealed record ApiAnswer(HttpStatusCode Status, string? MediaType, string Body)
{
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
}
