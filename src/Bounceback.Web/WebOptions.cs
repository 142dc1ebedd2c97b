namespace Bounceback.Web;

/// <summary>Limits of the web host: how much input one request may bring and how long its work may take.</summary>
public sealed record WebOptions
{
    /// <summary>The largest request body accepted (10 MB); larger bodies get 413.</summary>
    public long MaxBodyBytes { get; init; } = 10 * 1024 * 1024;

    /// <summary>How long explaining or parsing one input may take before the request gets 503.</summary>
    public TimeSpan WorkTimeout { get; init; } = TimeSpan.FromSeconds(10);
}
