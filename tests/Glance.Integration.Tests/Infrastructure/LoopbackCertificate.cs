using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Glance.Integration.Tests.Infrastructure;

/// <summary>
/// A self-signed server certificate for 127.0.0.1 (an IP subject alternative name, which TLS clients match for IP
/// hosts), written as PEM certificate and PKCS#8 key files for Node's https server. Clients trust exactly this
/// certificate, nothing else.
/// </summary>
public sealed class LoopbackCertificate : IDisposable
{
    private LoopbackCertificate(X509Certificate2 certificate, string certificatePath, string keyPath)
    {
        Certificate = certificate;
        CertificatePath = certificatePath;
        KeyPath = keyPath;
    }

    public X509Certificate2 Certificate { get; }
    public string CertificatePath { get; }
    public string KeyPath { get; }

    public static LoopbackCertificate Create(string folder)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1", "Server Authentication")], false));
        var now = DateTimeOffset.UtcNow;
        var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(1));

        var certificatePath = Path.Combine(folder, "azurite-cert.pem");
        var keyPath = Path.Combine(folder, "azurite-key.pem");
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        return new LoopbackCertificate(certificate, certificatePath, keyPath);
    }

    /// <summary>An HttpClient that accepts this certificate (and only it) from the server.</summary>
    public HttpClient TrustingHttpClient() => new(new HttpClientHandler
    {
        ServerCertificateCustomValidationCallback = (_, presented, _, _) =>
            presented is not null && presented.RawDataMemory.Span.SequenceEqual(Certificate.RawDataMemory.Span),
    });

    public void Dispose() => Certificate.Dispose();
}
