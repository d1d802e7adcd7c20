namespace Glance.Authentication.Keystone;

/// <summary>
/// The service's own Keystone token, shared by every validation: obtained once, used until shortly before it
/// expires (keystoneauth renews within two minutes of expiry too) or until Keystone refuses it, then obtained again
/// by one caller while the others wait.
/// </summary>
public sealed class KeystoneServiceToken(TimeProvider time) : IDisposable
{
    private static readonly TimeSpan RenewBeforeExpiry = TimeSpan.FromMinutes(2);

    private readonly SemaphoreSlim _renewal = new(1, 1);
    private KeystoneIssuedToken? _current;

    public async Task<string> GetAsync(KeystoneClient keystone, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keystone);
        if (Usable(Volatile.Read(ref _current)) is { } token)
        {
            return token;
        }
        await _renewal.WaitAsync(cancellationToken);
        try
        {
            if (Usable(_current) is { } renewed)
            {
                return renewed;
            }
            var issued = await keystone.IssueServiceTokenAsync(cancellationToken);
            Volatile.Write(ref _current, issued);
            return issued.Token;
        }
        finally
        {
            _renewal.Release();
        }
    }

    /// <summary>Keystone refused this token: the next <see cref="GetAsync"/> obtains a new one (unless another caller already did).</summary>
    public void Reject(string token)
    {
        var current = Volatile.Read(ref _current);
        if (current is not null && current.Token == token)
        {
            Interlocked.CompareExchange(ref _current, null, current);
        }
    }

    public void Dispose() => _renewal.Dispose();

    private string? Usable(KeystoneIssuedToken? token) =>
        token is not null && time.GetUtcNow() < token.ExpiresAt - RenewBeforeExpiry ? token.Token : null;
}
