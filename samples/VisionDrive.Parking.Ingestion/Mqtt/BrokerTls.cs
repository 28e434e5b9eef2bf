using System;
using System.IO;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MQTTnet;

namespace VisionDrive.Parking.Ingestion.Mqtt;

/// <summary>
/// TLS to the broker (<c>mqtts://</c>): TLS 1.2 or 1.3, the broker's certificate chain and host name verified — against the system trust
/// store, or only against <see cref="IngestionOptions.CaFile"/> when set — and, for mutual TLS, the worker's own certificate. There is no
/// switch to skip the verification.
/// </summary>
internal static class BrokerTls
{
    public static Action<MqttClientTlsOptionsBuilder> Configure(IngestionOptions options, string host)
    {
        var trusted = string.IsNullOrWhiteSpace(options.CaFile) ? null : LoadCa(options.CaFile);
        var client = string.IsNullOrWhiteSpace(options.ClientCertificateFile)
            ? null
            : X509Certificate2.CreateFromPemFile(options.ClientCertificateFile, options.ClientKeyFile);
        return tls =>
        {
            tls.UseTls().WithTargetHost(host).WithSslProtocols(SslProtocols.Tls12 | SslProtocols.Tls13);
            if (client is not null)
            {
                tls.WithClientCertificates(new X509Certificate2Collection(client));
            }

            if (trusted is not null)
            {
                tls.WithCertificateValidationHandler(e => IsTrusted(e.Certificate, e.Chain, e.SslPolicyErrors, trusted));
            }
        };
    }

    /// <summary>
    /// The host name must match and a certificate must be there (whatever the CA); the chain is then built anew with only
    /// <paramref name="trusted"/> as roots (so a certificate the system would trust, but the CA file does not, is refused), the
    /// intermediates the server sent, and the server-authentication usage required.
    /// </summary>
    internal static bool IsTrusted(X509Certificate? certificate, X509Chain? sent, SslPolicyErrors errors, X509Certificate2Collection trusted)
    {
        if (certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
        {
            return false;
        }

        var given = certificate as X509Certificate2;
        using var loaded = given is null ? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()) : null;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(trusted);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(new Oid("1.3.6.1.5.5.7.3.1")); // serverAuth
        if (sent is not null)
        {
            foreach (var element in sent.ChainElements)
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        try
        {
            return chain.Build(given ?? loaded!);
        }
        finally
        {
            foreach (var element in chain.ChainElements)
            {
                element.Certificate.Dispose();
            }
        }
    }

    private static X509Certificate2Collection LoadCa(string file)
    {
        var collection = new X509Certificate2Collection();
        collection.ImportFromPemFile(file);
        if (collection.Count == 0)
        {
            throw new InvalidOperationException($"Ingestion:CaFile '{file}' holds no PEM certificate.");
        }

        return collection;
    }
}
