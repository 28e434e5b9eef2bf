using System;
using System.IO;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace VisionDrive.Parking.TestSupport.Servers;

/// <summary>
/// A certificate authority of the test process and a server certificate it signed (CN=localhost, SAN DNS:localhost and IP:127.0.0.1,
/// serverAuth), as PEM files in one folder: <c>ca.crt</c>, <c>ca.key</c> (tests sign client certificates with it), <c>server.crt</c>,
/// <c>server.key</c> (PKCS#8, mode 0600).
/// </summary>
public static class TestCertificateAuthority
{
    /// <summary>Writes the four files into <paramref name="folder"/> and returns the path of <c>ca.crt</c>.</summary>
    public static string Create(string folder)
    {
        Directory.CreateDirectory(folder);
        var now = DateTimeOffset.UtcNow;
        using var caKey = RSA.Create(2048);
        var caRequest = new CertificateRequest("CN=VisionDrive Parking Data local test CA", caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: true, pathLengthConstraint: 0, critical: true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, critical: false));
        using var ca = caRequest.CreateSelfSigned(now.AddDays(-1), now.AddYears(10));

        using var serverKey = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", serverKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("localhost");
        san.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using var server = request.Create(ca, now.AddDays(-1), now.AddDays(825), serial);

        var caFile = Path.Combine(folder, "ca.crt");
        File.WriteAllText(caFile, ca.ExportCertificatePem());
        WritePrivate(Path.Combine(folder, "ca.key"), caKey.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(Path.Combine(folder, "server.crt"), server.ExportCertificatePem());
        WritePrivate(Path.Combine(folder, "server.key"), serverKey.ExportPkcs8PrivateKeyPem());
        return caFile;
    }

    private static void WritePrivate(string path, string pem)
    {
        File.WriteAllText(path, "");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.WriteAllText(path, pem);
    }
}
