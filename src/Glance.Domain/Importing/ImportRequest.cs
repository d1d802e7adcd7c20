namespace Glance.Domain.Importing;

/// <summary>POST /v2/images/{id}/import: the method to run, and for web-download the absolute URI to fetch.</summary>
public sealed record ImportRequest(string Method, Uri? Uri)
{
    public const string GlanceDirect = "glance-direct";
    public const string WebDownload = "web-download";
}
