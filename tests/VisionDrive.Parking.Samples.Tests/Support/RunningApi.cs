using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using VisionDrive.Parking.Api;

namespace VisionDrive.Parking.Samples.Tests.Support;

/// <summary>The real API (Kestrel, <c>http://127.0.0.1:0</c>: a free loopback port) running in-process, and a client for it.</summary>
public sealed class RunningApi : IAsyncDisposable
{
    /// <summary>The clock of every test app: resolve times and default event ranges are the same on both stores.</summary>
    public static readonly DateTimeOffset Now = new(2026, 1, 31, 12, 0, 0, TimeSpan.Zero);

    private readonly WebApplication _app;

    private RunningApi(WebApplication app, string baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
        Client = new HttpClient { BaseAddress = new Uri(baseAddress), Timeout = TimeSpan.FromSeconds(60) };
    }

    public string BaseAddress { get; }

    public HttpClient Client { get; }

    /// <summary>The app's services (e.g. its <c>EndpointDataSource</c>).</summary>
    public IServiceProvider Services => _app.Services;

    /// <param name="args">The app's configuration (command-line form).</param>
    /// <param name="configure">More changes to the builder, after the test clock (e.g. a recording DynamoDB client).</param>
    public static async Task<RunningApi> StartAsync(IEnumerable<string> args, Action<WebApplicationBuilder>? configure = null)
    {
        var app = ParkingApi.Build(
            [.. args, "--urls=http://127.0.0.1:0"],
            builder =>
            {
                builder.Services.AddSingleton<TimeProvider>(new FakeTimeProvider(Now));
                configure?.Invoke(builder);
            });
        await app.StartAsync();
        return new RunningApi(app, app.Urls.Single());
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
