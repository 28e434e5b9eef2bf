using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VisionDrive.Parking.Ingestion;
using VisionDrive.Parking.Ingestion.Processing;
using VisionDrive.Parking.Samples.Tests.Ingestion;
using VisionDrive.Parking.Samples.Tests.Support;
using VisionDrive.Parking.TestSupport;

namespace VisionDrive.Parking.Samples.Tests.Security;

/// <summary>
/// The worker over <c>mqtts://</c> to a mosquitto of the test's own with mutual TLS (as AWS IoT Core): a TLS listener on 127.0.0.1 and
/// 127.0.0.2 (the server certificate names 127.0.0.1 and localhost only) that requires a client certificate, and a plain listener for the
/// test's publisher. With the right CA and a client certificate the worker records an uplink; without the client certificate, with another
/// CA, or by a host name the certificate does not name, it never connects.
/// </summary>
[Collection(IngestionCollection.Name)]
public sealed class BrokerTlsTests(IngestionFixture fixture) : IAsyncLifetime
{
    private string _folder = "";
    private Process? _mosquitto;
    private int _tlsPort;
    private int _plainPort;

    public async Task InitializeAsync()
    {
        var ca = TestEnvironment.Require("VDP_TEST_POSTGRES_CA", "The test CA certificate");
        var tlsDir = Path.GetDirectoryName(ca)!;
        _folder = Directory.CreateTempSubdirectory("vdp-mqtls-").FullName;
        File.Copy(ca, Path.Combine(_folder, "ca.crt"));
        File.Copy(Path.Combine(tlsDir, "server.crt"), Path.Combine(_folder, "server.crt"));
        File.Copy(Path.Combine(tlsDir, "server.key"), Path.Combine(_folder, "server.key"));

        // The worker's client certificate, signed by the test CA (clientAuth), and another CA the broker does not use.
        using var caCert = X509Certificate2.CreateFromPemFile(ca, Path.Combine(tlsDir, "ca.key"));
        using var clientKey = RSA.Create(2048);
        var request = new CertificateRequest("CN=vdp-ingestion-test", clientKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], critical: false));
        // Not before the CA itself: on a fresh machine the CA was made seconds ago, and a certificate may not predate its issuer.
        var notBefore = DateTimeOffset.UtcNow.AddMinutes(-5);
        if (notBefore < caCert.NotBefore.ToUniversalTime())
        {
            notBefore = caCert.NotBefore.ToUniversalTime();
        }

        using var client = request.Create(caCert, notBefore, DateTimeOffset.UtcNow.AddDays(1), RandomNumberGenerator.GetBytes(16));
        await File.WriteAllTextAsync(Path.Combine(_folder, "client.crt"), client.ExportCertificatePem());
        await File.WriteAllTextAsync(Path.Combine(_folder, "client.key"), clientKey.ExportPkcs8PrivateKeyPem());
        using var otherKey = RSA.Create(2048);
        using var other = new CertificateRequest("CN=another CA", otherKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        await File.WriteAllTextAsync(Path.Combine(_folder, "other-ca.crt"), other.ExportCertificatePem());

        _tlsPort = LoopbackPorts.Free();
        do
        {
            _plainPort = LoopbackPorts.Free();
        }
        while (_plainPort == _tlsPort);
        var conf = string.Join('\n',
            "per_listener_settings false",
            "allow_anonymous true",
            "persistence false",
            "log_dest stderr",
            "log_type error",
            "log_type warning",
            "log_type notice",
            FormattableString.Invariant($"listener {_plainPort} 127.0.0.1"),
            FormattableString.Invariant($"listener {_tlsPort} 127.0.0.1"),
            $"cafile {_folder}/ca.crt", $"certfile {_folder}/server.crt", $"keyfile {_folder}/server.key",
            "require_certificate true", "tls_version tlsv1.2",
            FormattableString.Invariant($"listener {_tlsPort} 127.0.0.2"),
            $"cafile {_folder}/ca.crt", $"certfile {_folder}/server.crt", $"keyfile {_folder}/server.key",
            "require_certificate true", "tls_version tlsv1.2",
            "");
        await File.WriteAllTextAsync(Path.Combine(_folder, "mosquitto.conf"), conf);
        // mosquitto started as root drops to the user `mosquitto`: it must read the key.
        await RunAsync("sh", "-c", $"if id mosquitto >/dev/null 2>&1; then chown -R mosquitto '{_folder}'; fi; chmod 700 '{_folder}'; chmod 600 '{_folder}/server.key'");
        var psi = new ProcessStartInfo(File.Exists("/usr/sbin/mosquitto") ? "/usr/sbin/mosquitto" : "mosquitto")
        {
            UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true,
        };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(Path.Combine(_folder, "mosquitto.conf"));
        _mosquitto = Process.Start(psi)!;
        _mosquitto.ErrorDataReceived += (_, _) => { };
        _mosquitto.OutputDataReceived += (_, _) => { };
        _mosquitto.BeginErrorReadLine();
        _mosquitto.BeginOutputReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await ListeningAsync(_plainPort) || !await ListeningAsync(_tlsPort))
        {
            _mosquitto.HasExited.Should().BeFalse("mosquitto with TLS must start (config in " + _folder + ")");
            (DateTime.UtcNow < deadline).Should().BeTrue("mosquitto with TLS listens within 30 s");
            await Task.Delay(100);
        }
    }

    public async Task DisposeAsync()
    {
        if (_mosquitto is { HasExited: false })
        {
            _mosquitto.Kill(entireProcessTree: true);
            await _mosquitto.WaitForExitAsync();
        }

        _mosquitto?.Dispose();
        if (_folder.Length > 0)
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task With_the_ca_file_and_a_client_certificate_the_worker_connects_over_tls_and_records_an_uplink()
    {
        var (worker, logs) = await StartWorkerAsync($"mqtts://localhost:{_tlsPort}", "ca.crt", withClientCertificate: true);
        using (worker)
        {
            var metrics = worker.Services.GetRequiredService<IngestionMetrics>();
            (await Eventually.HoldsAsync(() => Task.FromResult(metrics.Connects > 0), TimeSpan.FromSeconds(30)))
                .Should().BeTrue("the worker connects over TLS: " + string.Join('\n', logs));

            var root = worker.Services.GetRequiredService<IOptions<IngestionOptions>>().Value.TopicFilter.Split('/')[0];
            await using var publisher = await TestPublisher.ConnectAsync(new MqttServer($"mqtt://127.0.0.1:{_plainPort}"));
            var at = Uplinks.Time(DateTimeOffset.UtcNow.AddMinutes(-2));
            await publisher.PublishAsync($"{root}/visiondrive/sensors/A84041000181235F/up", new JsonObject
            {
                ["deviceEui"] = "A84041000181235F", // PSL01B-027: no other ingestion test publishes for it
                ["receivedAt"] = at,
                ["fCnt"] = 31337,
                ["decoded"] = new JsonObject { ["occupied"] = true, ["battery"] = 3.6 },
            }.ToJsonString());
            (await Eventually.HoldsAsync(() => Task.FromResult(metrics.Recorded > 0), TimeSpan.FromSeconds(30)))
                .Should().BeTrue("the uplink crossed from the plain listener to the worker's TLS connection and became an event");
            await worker.StopAsync();
        }
    }

    [Theory]
    [InlineData("no client certificate", "localhost", "ca.crt", false, null)]
    [InlineData("another CA", "localhost", "other-ca.crt", true, "remote certificate")]
    [InlineData("the system trust store, which does not hold the test CA", "localhost", "", true, "remote certificate")]
    [InlineData("a host name the certificate does not name", "127.0.0.2", "ca.crt", true, "remote certificate")]
    public async Task Without_what_tls_requires_the_worker_never_connects(string why, string host, string caFile, bool withClientCertificate, string? reason)
    {
        var (worker, logs) = await StartWorkerAsync($"mqtts://{host}:{_tlsPort}", caFile, withClientCertificate);
        using (worker)
        {
            var metrics = worker.Services.GetRequiredService<IngestionMetrics>();
            (await Eventually.HoldsAsync(() => Task.FromResult(logs.Count(l => l.Contains("Cannot connect", StringComparison.Ordinal)) >= 2), TimeSpan.FromSeconds(30)))
                .Should().BeTrue($"{why}: the worker keeps retrying: " + string.Join('\n', logs));
            metrics.Connects.Should().Be(0, why + ": " + string.Join('\n', logs));
            if (reason is not null)
            {
                logs.Should().Contain(l => l.Contains("Cannot connect", StringComparison.Ordinal) && l.Contains(reason, StringComparison.Ordinal), why + ": the worker refused the broker's certificate");
            }
            else
            {
                logs.Should().NotContain(l => l.Contains("remote certificate", StringComparison.Ordinal), why + ": the broker refused the worker, not the other way round");
            }

            _mosquitto!.HasExited.Should().BeFalse("the broker is up: the refusal is TLS, not a dead broker");
            await worker.StopAsync();
        }
    }

    [Fact]
    public void Tls_files_with_a_plain_broker_url_are_refused_at_start()
    {
        var host = IngestionHost.Build([.. fixture.World.DynamoDbArgs(), $"--Ingestion:Broker=mqtt://127.0.0.1:{_plainPort}", $"--Ingestion:CaFile={_folder}/ca.crt"]);
        using (host)
        {
            var act = () => host.Services.GetRequiredService<IOptions<IngestionOptions>>().Value;
            act.Should().Throw<OptionsValidationException>().WithMessage("*CaFile*not mqtts://*");
        }
    }

    private async Task<(IHost Worker, ConcurrentQueue<string> Logs)> StartWorkerAsync(string broker, string caFile, bool withClientCertificate)
    {
        var root = "vdptls" + Guid.NewGuid().ToString("N")[..8];
        var tls = new List<string>
        {
            "--Ingestion:CaFile=" + (caFile.Length == 0 ? "" : Path.Combine(_folder, caFile)),
            "--Ingestion:ReconnectMaxDelay=00:00:01",
        };
        if (withClientCertificate)
        {
            tls.Add("--Ingestion:ClientCertificateFile=" + Path.Combine(_folder, "client.crt"));
            tls.Add("--Ingestion:ClientKeyFile=" + Path.Combine(_folder, "client.key"));
        }

        var logs = new ConcurrentQueue<string>();
        var worker = IngestionHost.Build(
            IngestionWorkers.Args(fixture.World.DynamoDbArgs(), broker, root, [.. tls]), b => b.Logging.AddProvider(new QueueLoggerProvider(logs)));
        await worker.StartAsync();
        return (worker, logs);
    }

    private static async Task<bool> ListeningAsync(int port)
    {
        try
        {
            using var tcp = new TcpClient();
            await tcp.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static async Task RunAsync(string program, params string[] args)
    {
        var psi = new ProcessStartInfo(program) { UseShellExecute = false };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;
        await p.WaitForExitAsync();
        p.ExitCode.Should().Be(0, program + " " + string.Join(' ', args));
    }
}
