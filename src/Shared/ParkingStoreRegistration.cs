using System;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using VisionDrive.Parking.Data;

namespace VisionDrive.Parking.Shared;

/// <summary>
/// What every store registration does (DynamoDB, PostgreSQL, dual write): a source file compiled into each package that registers a store
/// (linked from src/Shared, so no internal type crosses a package boundary and mixing package versions cannot fail at run time).
/// </summary>
internal static class ParkingStoreRegistration
{
    /// <summary>
    /// Registers <typeparamref name="TStore"/> (already registered as a singleton) behind <see cref="IParkingStore"/> and each aggregate
    /// interface, all resolving to the same instance; <c>TryAdd</c>, so a store registered first keeps them.
    /// </summary>
    public static IServiceCollection TryAddStoreInterfaces<TStore>(IServiceCollection services)
        where TStore : class, IParkingStore
    {
        services.TryAddSingleton<IParkingStore>(static sp => sp.GetRequiredService<TStore>());
        services.TryAddSingleton<ITenantStore>(static sp => sp.GetRequiredService<IParkingStore>());
        services.TryAddSingleton<ISiteStore>(static sp => sp.GetRequiredService<IParkingStore>());
        services.TryAddSingleton<IZoneStore>(static sp => sp.GetRequiredService<IParkingStore>());
        services.TryAddSingleton<ISensorStore>(static sp => sp.GetRequiredService<IParkingStore>());
        services.TryAddSingleton<IEventStore>(static sp => sp.GetRequiredService<IParkingStore>());
        services.TryAddSingleton<IAlertStore>(static sp => sp.GetRequiredService<IParkingStore>());
        return services;
    }

    /// <summary>
    /// Adds <typeparamref name="TOptions"/> configured by <paramref name="configure"/>, validated by <typeparamref name="TValidator"/> when the
    /// host starts.
    /// </summary>
    public static void AddValidatedOptions<TOptions, TValidator>(IServiceCollection services, Action<OptionsBuilder<TOptions>> configure)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        var builder = services.AddOptions<TOptions>();
        configure(builder);
        builder.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, TValidator>());
    }

    /// <summary>The path of the configuration section the options come from, for start-up messages (<c>(root)</c> for the root).</summary>
    public static string SectionPath(IConfiguration configuration) =>
        configuration is IConfigurationSection { Path: { Length: > 0 } path } ? path : "(root)";
}
