namespace VisionDrive.Parking.Cli;

internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        var root = new RootCommand("vdp: migrate the VisionDrive parking data from PostgreSQL/TimescaleDB to DynamoDB, and prove it.");
        root.Options.Add(CliOptions.Verbose);

        var provision = new Command("provision", "Create the DynamoDB table (PK/SK, GSI1, GSI2, TTL on ttl) if it does not exist; check it if it does.");
        Add(provision, CliOptions.EndpointUrl, CliOptions.Region, CliOptions.Table, CliOptions.RequestTimeout);
        provision.SetAction((parse, ct) => Runner.RunAsync(parse, ct, r => r.ProvisionAsync(ct)));

        var seed = new Command("seed", "Create the source schema and load a generated dataset into PostgreSQL.");
        seed.Arguments.Add(CliOptions.Dataset);
        Add(seed, CliOptions.Source, CliOptions.CaFile, CliOptions.InsecureTls, CliOptions.Seed);
        seed.SetAction((parse, ct) => Runner.RunAsync(parse, ct, r => r.SeedAsync(ct)));

        var migrate = new Command("migrate", "Migrate every table to DynamoDB, resuming from the checkpoint, then verify counts and checksums.");
        Add(migrate, CliOptions.Source, CliOptions.CaFile, CliOptions.InsecureTls, CliOptions.EndpointUrl, CliOptions.Region, CliOptions.Table,
            CliOptions.StateDir, CliOptions.Report, CliOptions.Tables, CliOptions.Segment, CliOptions.RetentionDays, CliOptions.AllowExpiredTtl,
            CliOptions.Parallelism, CliOptions.MaxWriteUnits, CliOptions.SourceRetries, CliOptions.NoVerify, CliOptions.Online, CliOptions.RequestTimeout);
        migrate.SetAction((parse, ct) => Runner.RunAsync(parse, ct, r => r.MigrateAsync(ct)));

        var verify = new Command("verify", "Compare source and target: counts, checksums, and the keys that differ.");
        Add(verify, CliOptions.Source, CliOptions.CaFile, CliOptions.InsecureTls, CliOptions.EndpointUrl, CliOptions.Region, CliOptions.Table,
            CliOptions.StateDir, CliOptions.Report, CliOptions.Tables, CliOptions.RetentionDays, CliOptions.RequestTimeout);
        verify.SetAction((parse, ct) => Runner.RunAsync(parse, ct, r => r.VerifyAsync(ct)));

        var sync = new Command("sync", "Apply what changed at the source since the migration (puts and deletes, by content); --dry-run shows the plan.");
        Add(sync, CliOptions.Source, CliOptions.CaFile, CliOptions.InsecureTls, CliOptions.EndpointUrl, CliOptions.Region, CliOptions.Table,
            CliOptions.StateDir, CliOptions.Report, CliOptions.Tables, CliOptions.DryRun, CliOptions.RetentionDays, CliOptions.AllowExpiredTtl, CliOptions.Parallelism, CliOptions.MaxWriteUnits, CliOptions.Online, CliOptions.RequestTimeout);
        sync.SetAction((parse, ct) => Runner.RunAsync(parse, ct, r => r.SyncAsync(ct)));

        var export = new Command("export", "Write the items in DynamoDB's S3 import format (DynamoDB JSON lines, gzip) for Import from S3.");
        Add(export, CliOptions.Source, CliOptions.CaFile, CliOptions.InsecureTls, CliOptions.Table, CliOptions.StateDir, CliOptions.Report,
            CliOptions.Tables, CliOptions.Segment, CliOptions.RetentionDays, CliOptions.Out);
        export.SetAction((parse, ct) => Runner.RunAsync(parse, ct, r => r.ExportAsync(ct)));

        Add(export, ImportCliOptions.ItemsPerObject, ImportCliOptions.Merge);
        var plan = new Command("plan", "Estimate a first load: write units, time and cost by BatchWriteItem and by Import from S3, the import's conditions, a recommendation.");
        Add(plan, CliOptions.Source, CliOptions.CaFile, CliOptions.InsecureTls, CliOptions.Region, CliOptions.Table, CliOptions.Report, CliOptions.Tables, CliOptions.RetentionDays,
            ImportCliOptions.ExistingTable, ImportCliOptions.WriteRate, ImportCliOptions.QuotaRate, ImportCliOptions.WriteUnitPrice, ImportCliOptions.ImportPrice,
            ImportCliOptions.ImportAboveGb, ImportCliOptions.ItemsPerObject, ImportCliOptions.Sample, ImportCliOptions.Assume);
        plan.SetAction((parse, ct) => Runner.RunAsync(parse, ct, r => r.PlanAsync(ct)));

        var import = new Command("import", "Upload an export to S3 (resumable), create the table with Import from S3, compare its counts with the manifest, enable TTL, verify.");
        Add(import, CliOptions.Source, CliOptions.CaFile, CliOptions.InsecureTls, CliOptions.EndpointUrl, CliOptions.Region, CliOptions.Table, CliOptions.Report,
            CliOptions.Tables, CliOptions.RetentionDays, CliOptions.Out, CliOptions.NoVerify, ImportCliOptions.Bucket, ImportCliOptions.Prefix,
            ImportCliOptions.S3EndpointUrl, ImportCliOptions.UploadOnly, ImportCliOptions.SkipUpload, ImportCliOptions.PollSeconds);
        import.SetAction((parse, ct) => Runner.RunAsync(parse, ct, r => r.ImportAsync(ct)));

        var cutover = new Command("cutover", "The online cutover (docs/cutover.md).");
        var cutoverStatus = new Command("status", "Print what the operator can know without the application: pending secondary writes (from PostgreSQL) and the last verify (last-verify.json).");
        Add(cutoverStatus, CliOptions.Source, CliOptions.CaFile, CliOptions.InsecureTls, CliOptions.StateDir, CliOptions.Json);
        cutoverStatus.SetAction((parse, ct) => Runner.RunAsync(parse, ct, r => r.CutoverStatusAsync(ct)));
        cutover.Subcommands.Add(cutoverStatus);

        foreach (var c in new[] { provision, seed, migrate, verify, sync, export, plan, import, cutover })
        {
            root.Subcommands.Add(c);
        }

        var result = root.Parse(args);
        if (result.Errors.Count > 0)
        {
            // The real problem first: "Required command was not provided" only follows from it (an unknown command is not a command).
            var errors = result.Errors.Select(e => e.Message).ToList();
            var ordered = errors.Where(m => !IsMissingCommand(m)).Concat(errors.Where(IsMissingCommand)).ToList();
            if (ordered.Count > 1 && IsMissingCommand(ordered[^1]))
            {
                ordered[^1] = "Commands: " + string.Join(", ", root.Subcommands.Select(c => c.Name)) + ".";
            }

            foreach (var message in ordered)
            {
                await Console.Error.WriteLineAsync("vdp: " + message);
            }

            await Console.Error.WriteLineAsync("Run `vdp --help` for usage.");
            return ExitCodes.Usage;
        }

        return await result.InvokeAsync();
    }

    private static bool IsMissingCommand(string message) => message.StartsWith("Required command was not provided", StringComparison.Ordinal);

    private static void Add(Command command, params Option[] options)
    {
        foreach (var o in options)
        {
            command.Options.Add(o);
        }
    }
}
