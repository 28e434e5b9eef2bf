using System;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using VisionDrive.Parking.Api.Hosting;
using VisionDrive.Parking.Ingestion.Mqtt;
using VisionDrive.Parking.Ingestion.Processing;

namespace VisionDrive.Parking.Ingestion;

/// <summary>Builds the ingestion worker; <see cref="Program"/> runs it, tests start it in-process.</summary>
public static class IngestionHost
{
    /// <summary>Builds the host from the command line and the standard configuration sources.</summary>
    /// <param name="args">Command-line arguments, e.g. <c>--Ingestion:Broker mqtt://127.0.0.1:1883</c>.</param>
    /// <param name="configure">A last chance to change the builder.</param>
    public static IHost Build(string[] args, Action<HostApplicationBuilder>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder(args);
        builder.Services.AddConfiguredParkingStore(builder.Configuration);
        builder.Services.AddOptions<IngestionOptions>().Bind(builder.Configuration.GetSection(IngestionOptions.SectionName)).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<IngestionOptions>, IngestionOptions.Validator>());
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<IngestionMetrics>();
        builder.Services.AddSingleton<UplinkProcessor>();
        builder.Services.AddHostedService<MqttIngestionService>();
        configure?.Invoke(builder);
        return builder.Build();
    }
}
