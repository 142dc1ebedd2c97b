namespace Bounceback.Web;

/// <summary>Limits of the web host: how much input one request may bring and how long its work may take.</summary>
public sealed record WebOptions
{
    /// <summary>The largest request body accepted (10 MB); larger bodies get 413.</summary>
    public long MaxBodyBytes { get; init; } = 10 * 1024 * 1024;

    /// <summary>How long explaining or parsing one input may take before the request gets 503.</summary>
    public TimeSpan WorkTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How many explain or parse requests are worked on at once (one per core, 2 to 8): each may hold a
    /// body of <see cref="MaxBodyBytes"/> and the message read from it, so this bounds the memory of a burst.</summary>
    public int MaxConcurrentWork { get; init; } = Math.Clamp(Environment.ProcessorCount, 2, 8);

    /// <summary>How many more wait their turn, before their bodies are read; past that a request gets 503 at once.</summary>
    public int MaxQueuedWork { get; init; } = 64;
}
