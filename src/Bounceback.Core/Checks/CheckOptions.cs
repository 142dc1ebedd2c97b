using System.Net;

namespace Bounceback.Core.Checks;

/// <summary>How checks run: which DNS server, how long to wait, which ports and blocklists. Tests point these at 127.0.0.1.</summary>
public sealed record CheckOptions
{
    /// <summary>The DNS server to ask; null uses the system's resolvers.</summary>
    public IPEndPoint? DnsServer { get; init; }
    /// <summary>How long one network step (a DNS query, a connect, a reply) may take.</summary>
    public TimeSpan OperationTimeout { get; init; } = TimeSpan.FromSeconds(5);
    /// <summary>The limit for a whole run; checks still running then report an error.</summary>
    public TimeSpan OverallTimeout { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>Ports of a domain's mail server to probe after the DNS checks; empty probes none.</summary>
    public IReadOnlyList<int> MxPorts { get; init; } = [25];
    /// <summary>Ports that speak TLS from the first byte (SMTPS, RFC 8314) instead of STARTTLS.</summary>
    public IReadOnlyList<int> ImplicitTlsPorts { get; init; } = [465];
    /// <summary>The name sent with EHLO; null sends the local address as an address literal.</summary>
    public string? HeloName { get; init; }
    /// <summary>The blocklists to consult for an IP address.</summary>
    public BlocklistSet Blocklists { get; init; } = BlocklistSet.Default;
    /// <summary>The sender's outgoing server ("smtp.example.com:587") for checks planned from a connection error.</summary>
    public CheckTarget? OutgoingServer { get; init; }
    /// <summary>At most this many network operations run at the same time.</summary>
    public int MaxParallel { get; init; } = 16;
    /// <summary>The clock used for certificate expiry (tests may fix it).</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;
}
