using System;
using System.Diagnostics;
using System.Linq;
using VisionDrive.Parking.TestSupport;

namespace VisionDrive.Parking.TestServers;

/// <summary>
/// <c>vdp-test-servers [postgres] [dynamodb] [mqtt] -- COMMAND [ARGS...]</c>: starts the named servers as a test process does (a
/// server whose variable is already set is used as it is), runs the command with their variables in its environment, stops the servers
/// and exits with the command's exit code. Without names: all three.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        var split = Array.IndexOf(args, "--");
        if (split < 0 || split == args.Length - 1)
        {
            Console.Error.WriteLine("usage: vdp-test-servers [postgres] [dynamodb] [mqtt] -- COMMAND [ARGS...]");
            return 2;
        }

        var names = split == 0 ? ["postgres", "dynamodb", "mqtt"] : args[..split];
        foreach (var name in names)
        {
            var variable = name switch
            {
                "postgres" => TestEnvironment.PostgresVariable,
                "dynamodb" => TestEnvironment.DynamoDbVariable,
                "mqtt" => TestEnvironment.MqttVariable,
                _ => null,
            };
            if (variable is null)
            {
                Console.Error.WriteLine($"unknown server '{name}' (known: postgres dynamodb mqtt)");
                return 2;
            }

            try
            {
                TestEnvironment.Require(variable, name);
            }
            catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
            {
                Console.Error.WriteLine($"[servers] {ex.Message}");
                return 1;
            }
        }

        var psi = new ProcessStartInfo(args[split + 1]) { UseShellExecute = false };
        foreach (var a in args.Skip(split + 2))
        {
            psi.ArgumentList.Add(a);
        }

        // Ctrl-C reaches the command too (same process group): wait for it rather than leave it without servers.
        Console.CancelKeyPress += (_, e) => e.Cancel = true;
        using var command = Process.Start(psi)!;
        command.WaitForExit();
        return command.ExitCode;
    }
}
