using System;
using System.Diagnostics;
using System.IO;
using System.Net.Sockets;
using System.Threading.Tasks;
using Amazon.Runtime;
using Amazon.S3;
using Xunit;

namespace VisionDrive.Parking.TestSupport;

/// <summary>
/// A real S3-compatible server for the upload tests: s3rver 3.7.1 (npm), fetched by <c>scripts/services.sh</c> (service <c>s3</c>, exported as
/// <c>VDP_S3RVER_JS</c>) and started here on a free 127.0.0.1 port with a data folder of its own, so a test can kill and restart it.
/// Its default credentials are <c>S3RVER</c>/<c>S3RVER</c>.
/// </summary>
public sealed class S3Server : IAsyncLifetime
{
    public const string Variable = "VDP_S3RVER_JS";
    public const string AccessKey = "S3RVER";
    public const string SecretKey = "S3RVER";

    private Process? _process;

    public string ServiceUrl { get; private set; } = "";

    public string DataFolder { get; } = Directory.CreateTempSubdirectory("vdp-s3rver-").FullName;

    public int Port { get; private set; }

    public AmazonS3Client Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Port = LoopbackPorts.Free();
        ServiceUrl = $"http://127.0.0.1:{Port}";
        await StartAsync();
        Client = CreateClient(ServiceUrl);
    }

    public static AmazonS3Client CreateClient(string serviceUrl) =>
        new(new BasicAWSCredentials(AccessKey, SecretKey), new AmazonS3Config
        {
            ServiceURL = serviceUrl,
            ForcePathStyle = true,
            AuthenticationRegion = "me-central-1",
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            MaxErrorRetry = 2,
        });

    /// <summary>Starts the server (again, after <see cref="Kill"/>) on the same port and data folder.</summary>
    public async Task StartAsync()
    {
        var js = TestEnvironment.Require(Variable, "s3rver (the S3-compatible server of the upload tests)");
        var psi = new ProcessStartInfo("node") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { js, "--address", "127.0.0.1", "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--directory", DataFolder, "--silent" })
        {
            psi.ArgumentList.Add(a);
        }

        _process = Process.Start(psi) ?? throw new InvalidOperationException("node did not start s3rver.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var tcp = new TcpClient();
                await tcp.ConnectAsync("127.0.0.1", Port);
                return;
            }
            catch (SocketException) when (waited.Elapsed < TimeSpan.FromSeconds(30) && !_process.HasExited)
            {
                await Task.Delay(100);
            }
            catch (SocketException ex)
            {
                throw new InvalidOperationException($"s3rver did not listen on 127.0.0.1:{Port} within 30 s (exited: {_process.HasExited}).", ex);
            }
        }
    }

    /// <summary>Kills the server (the process this fixture started), as a crash would.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    public Task DisposeAsync()
    {
        Kill();
        _process?.Dispose();
        Client?.Dispose();
        try
        {
            Directory.Delete(DataFolder, recursive: true);
        }
        catch (IOException)
        {
        }

        return Task.CompletedTask;
    }
}
