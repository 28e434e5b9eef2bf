using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using VisionDrive.Parking.Data.DynamoDb.Provisioning;
using VisionDrive.Parking.Data.Postgres;
using VisionDrive.Parking.Datasets;
using VisionDrive.Parking.Migration;
using VisionDrive.Parking.Samples.Tests.Ingestion;
using VisionDrive.Parking.Samples.Tests.Support;
using VisionDrive.Parking.TestSupport;
using Xunit.Abstractions;

namespace VisionDrive.Parking.Samples.Tests.Security;

/// <summary>
/// The two samples run as real processes, configured the way a deployment is (environment variables), with a recognisable PostgreSQL
/// password and a recognisable AWS secret key, Debug logging on: working, with a wrong password, with an unreachable database or
/// DynamoDB. Neither secret (raw, percent-encoded, base64) appears in anything they print, answer or dead-letter — exception
/// messages of the failures included.
/// </summary>
[Collection(IngestionCollection.Name)] // shares the broker with the ingestion tests (one of them restarts it)
public sealed class SamplesSecretsTests(IngestionFixture fixture, ITestOutputHelper output)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Neither_the_database_password_nor_the_aws_secret_appears_in_any_output_answer_or_dead_letter()
    {
        var pg = new PostgresServer();
        await pg.InitializeAsync();
        await using var role = await SecretRole.CreateAsync(pg);
        var wrongPassword = "VdpWrongPw/" + Guid.NewGuid().ToString("N")[..10] + "+Recognisable";
        var awsSecret = "VdpAwsSecret/" + Guid.NewGuid().ToString("N") + "+Recognisable";
        var ddb = new DynamoDbServer();
        await ddb.InitializeAsync();
        var table = ddb.NewTableName("vdp-ssec");
        var folder = Directory.CreateTempSubdirectory("vdp-ssec-").FullName;
        var seen = new StringBuilder(); // everything the processes printed, answered and dead-lettered
        try
        {
            await using (var ds = ParkingDataSource.Create(new PostgresSourceOptions { ConnectionString = role.ConnectionString }))
            {
                await ParkingDatasets.SeedAsync(ds, "guide");
                await new TableProvisioner(ddb.Client).EnsureTableAsync(table);
                var report = await new MigrationEngine(new ParkingSourceReader(ds), ddb.Client, new MigrationOptions
                {
                    TableName = table,
                    StateDirectory = Path.Combine(folder, "state"),
                    AllowExpiredTtl = true,
                }).MigrateAsync();
                report.Verified.Should().BeTrue();
            }

            var ca = TestEnvironment.Require("VDP_TEST_POSTGRES_CA", "The test CA certificate");
            Dictionary<string, string?> Postgres(string? password = null, int? port = null)
            {
                var csb = new NpgsqlConnectionStringBuilder(role.ConnectionString) { RootCertificate = null, Timeout = 5 };
                csb.Password = password ?? csb.Password;
                csb.Port = port ?? csb.Port;
                return new()
                {
                    ["Parking__Store"] = "Postgres",
                    ["Parking__Postgres__ConnectionString"] = csb.ConnectionString,
                    ["Parking__Postgres__RootCertificatePath"] = ca,
                };
            }

            Dictionary<string, string?> DynamoDb(string? url = null) => new()
            {
                ["Parking__Store"] = "DynamoDb",
                ["Parking__DynamoDb__Table"] = table,
                ["Parking__DynamoDb__ServiceUrl"] = url ?? ddb.ServiceUrl,
                ["Parking__DynamoDb__MaxErrorRetry"] = "0",
                ["AWS_ACCESS_KEY_ID"] = "AKIAVDPRECOGNISABLE",
                ["AWS_SECRET_ACCESS_KEY"] = awsSecret,
                ["AWS_REGION"] = "me-central-1",
            };

            var closed = LoopbackPorts.Free();
            string[] reads = ["/health", "/zones", "/zones/zone-001/bays", "/sensors/PSL01B-001/events", "/alerts", "/sensors/by-deveui/A840410001812345"];

            // The API: working on each store (200s), then each failure (503 problem details that name the store, never the cause's secrets).
            await ApiAsync("api on PostgreSQL", Postgres(), reads, HttpStatusCode.OK, seen);
            await ApiAsync("api on DynamoDB", DynamoDb(), reads, HttpStatusCode.OK, seen);
            var wrong = await ApiAsync("api, wrong database password", Postgres(password: wrongPassword), ["/health", "/zones"], HttpStatusCode.ServiceUnavailable, seen);
            wrong.Should().Contain("28P01", "the wrong password was really tried (the server's authentication failure is logged)");
            await ApiAsync("api, database unreachable", Postgres(port: closed), ["/health", "/zones"], HttpStatusCode.ServiceUnavailable, seen);
            await ApiAsync("api, DynamoDB unreachable", DynamoDb($"http://127.0.0.1:{closed}"), ["/health", "/zones"], HttpStatusCode.ServiceUnavailable, seen);

            // The ingestion worker: working on DynamoDB (an event and a dead letter), then each store failure (retried, logged with the exception).
            await IngestionAsync("ingestion on DynamoDB", DynamoDb(), expectLog: "Uplink on ", seen);
            var wrongWorker = await IngestionAsync("ingestion, wrong database password", Postgres(password: wrongPassword), expectLog: "failed (attempt 1)", seen);
            wrongWorker.Should().Contain("28P01");
            await IngestionAsync("ingestion, database unreachable", Postgres(port: closed), expectLog: "failed (attempt 1)", seen);
            await IngestionAsync("ingestion, DynamoDB unreachable", DynamoDb($"http://127.0.0.1:{closed}"), expectLog: "failed (attempt 1)", seen);

            var all = seen.ToString();
            foreach (var (name, secret) in new[] { ("database password", role.Password), ("wrong password", wrongPassword), ("AWS secret key", awsSecret) })
            {
                foreach (var form in new[] { secret, Uri.EscapeDataString(secret), Convert.ToBase64String(Encoding.UTF8.GetBytes(secret)) })
                {
                    all.Should().NotContain(form, $"the {name} must appear nowhere");
                }
            }

            output.WriteLine($"[VDP-SAMPLES-SECRETS] 9 processes, {all.Length:N0} characters of output, answers and dead letters checked: clean");
        }
        finally
        {
            await ddb.DisposeAsync();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Runs the API, sends the reads, expects the status on each; returns (and adds to <paramref name="seen"/>) everything it printed and answered.</summary>
    private async Task<string> ApiAsync(string what, Dictionary<string, string?> env, string[] paths, HttpStatusCode expected, StringBuilder seen)
    {
        env["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        env["Parking__DefaultTenantId"] = ParkingWorld.TenantA;
        using var app = SampleProcess.Start("VisionDrive.Parking.Api", env);
        var text = new StringBuilder();
        try
        {
            var url = await app.WaitForAsync(new Regex(@"Now listening on: (http://\S+)"), Wait, what);
            using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(60) };
            foreach (var path in paths)
            {
                using var response = await http.GetAsync(path);
                var body = await response.Content.ReadAsStringAsync();
                text.AppendLine(response.ToString()).AppendLine(body);
                response.StatusCode.Should().Be(expected, $"{what}: GET {path}: {body}\n{app.Output}");
                body.Should().NotContain("   at ", what);
            }
        }
        finally
        {
            await app.StopAsync();
            text.AppendLine(app.Output);
            seen.AppendLine(text.ToString());
        }

        return text.ToString();
    }

    /// <summary>Runs the worker, publishes a valid uplink (and a malformed one), waits for <paramref name="expectLog"/>; returns what it printed and dead-lettered.</summary>
    private async Task<string> IngestionAsync(string what, Dictionary<string, string?> env, string expectLog, StringBuilder seen)
    {
        var root = "vdps" + Guid.NewGuid().ToString("N")[..10];
        env["Ingestion__Broker"] = $"mqtt://{fixture.Broker.Host}:{fixture.Broker.Port}";
        env["Ingestion__ClientId"] = root + "-ingestion";
        env["Ingestion__TopicFilter"] = root + "/+/sensors/+/up";
        env["Ingestion__DeadLetterTopicPrefix"] = root + "/deadletter";
        env["Ingestion__SessionExpiry"] = "00:00:10";
        using var worker = SampleProcess.Start("VisionDrive.Parking.Ingestion", env);
        var text = new StringBuilder();
        try
        {
            await worker.WaitForAsync(new Regex("subscribed to (\\S+)"), Wait, what);
            await using var watcher = await TestPublisher.ConnectAsync(fixture.Broker, subscribeTo: root + "/deadletter/#");
            await using var publisher = await TestPublisher.ConnectAsync(fixture.Broker);
            var topic = $"{root}/visiondrive/sensors/A840410001812345/up";
            var at = Uplinks.Time(DateTimeOffset.UtcNow.AddMinutes(-1));
            await publisher.PublishAsync(topic, "{not json");
            await publisher.PublishAsync(topic, new JsonObject
            {
                ["deviceEui"] = "A840410001812345",
                ["receivedAt"] = at,
                ["fCnt"] = 4242,
                ["decoded"] = new JsonObject { ["occupied"] = true, ["battery"] = 3.6 },
            }.ToJsonString());
            await worker.WaitForAsync(new Regex(Regex.Escape(expectLog)), Wait, what);
            (await Eventually.HoldsAsync(() => Task.FromResult(!watcher.Received.IsEmpty), Wait)).Should().BeTrue($"{what}: the malformed uplink is dead-lettered");
            foreach (var (t, payload) in watcher.Received)
            {
                text.AppendLine(t).AppendLine(payload);
            }
        }
        finally
        {
            await worker.StopAsync();
            text.AppendLine(worker.Output);
            seen.AppendLine(text.ToString());
        }

        return text.ToString();
    }

    /// <summary>A sample (its built dll) as a child process in an empty working folder: configuration only from the environment.</summary>
    private sealed class SampleProcess : IDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _output = new();
        private readonly string _folder;

        private SampleProcess(Process process, string folder)
        {
            _process = process;
            _folder = folder;
        }

        public string Output
        {
            get
            {
                lock (_output)
                {
                    return _output.ToString();
                }
            }
        }

        public static SampleProcess Start(string assembly, Dictionary<string, string?> env)
        {
            // From the sample's own output folder (built by the project reference, same configuration as the tests): its deps and
            // runtimeconfig there are its own (beside the tests, the worker would miss the Microsoft.Extensions.Hosting assemblies).
            var tfm = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var dll = Path.Combine(TestEnvironment.RepositoryRoot, "samples", assembly, "bin", tfm.Parent!.Name, tfm.Name, assembly + ".dll");
            File.Exists(dll).Should().BeTrue(dll + " is built by the tests' project reference");
            var folder = Directory.CreateTempSubdirectory("vdp-sample-").FullName;
            var psi = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = folder };
            psi.ArgumentList.Add(dll);
            foreach (var name in new[] { "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "PGPASSWORD", "VDP_TEST_POSTGRES", "VDP_SOURCE" })
            {
                psi.Environment.Remove(name); // nothing but what the test gives
            }

            psi.Environment["DOTNET_ENVIRONMENT"] = "Production";
            psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
            psi.Environment["Logging__LogLevel__Default"] = "Debug";
            psi.Environment["Logging__Console__FormatterName"] = "simple";
            foreach (var (k, v) in env)
            {
                psi.Environment[k] = v;
            }

            var sample = new SampleProcess(new Process { StartInfo = psi }, folder);
            sample._process.OutputDataReceived += (_, e) => sample.Append(e.Data);
            sample._process.ErrorDataReceived += (_, e) => sample.Append(e.Data);
            sample._process.Start();
            sample._process.BeginOutputReadLine();
            sample._process.BeginErrorReadLine();
            return sample;
        }

        /// <summary>Waits until the output matches; returns the first group (or the match).</summary>
        public async Task<string> WaitForAsync(Regex pattern, TimeSpan timeout, string what)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (DateTime.UtcNow < deadline)
            {
                var m = pattern.Match(Output);
                if (m.Success)
                {
                    return m.Groups.Count > 1 ? m.Groups[1].Value : m.Value;
                }

                if (_process.HasExited)
                {
                    break;
                }

                await Task.Delay(100);
            }

            throw new TimeoutException($"{what}: no '{pattern}' in the output (exited: {_process.HasExited}):\n{Output}");
        }

        /// <summary>SIGTERM (a graceful stop: the console logger flushes what it queued), SIGKILL only if it has not exited in 30 s.</summary>
        public async Task StopAsync()
        {
            if (!_process.HasExited)
            {
                using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
                {
                    await kill.WaitForExitAsync();
                }

                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                try
                {
                    await _process.WaitForExitAsync(cts.Token);
                }
                catch (OperationCanceledException)
                {
                    _process.Kill(entireProcessTree: true);
                }
            }

            await _process.WaitForExitAsync(); // and the output read to its end
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            _process.Dispose();
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }

        private void Append(string? line)
        {
            if (line is not null)
            {
                lock (_output)
                {
                    _output.AppendLine(line);
                }
            }
        }
    }
}
