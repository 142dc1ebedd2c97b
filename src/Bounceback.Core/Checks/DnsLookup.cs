using System.Net;
using DnsClient;
using DnsClient.Protocol;

namespace Bounceback.Core.Checks;

/// <summary>How a DNS question was answered.</summary>
internal enum DnsOutcome
{
    /// <summary>Records of the asked type were returned.</summary>
    Ok,
    /// <summary>The name exists but has no records of this type.</summary>
    NoData,
    /// <summary>The name does not exist.</summary>
    NxDomain,
    /// <summary>The server refused to answer.</summary>
    Refused,
    /// <summary>No usable answer: time-out, server failure, network error.</summary>
    Failed,
}

/// <summary>The answer to one DNS question, never an exception.</summary>
internal sealed record DnsAnswer<T>(DnsOutcome Outcome, IReadOnlyList<T> Records, string? Error = null)
{
    public bool Answered => Outcome is DnsOutcome.Ok or DnsOutcome.NoData or DnsOutcome.NxDomain;
}

/// <summary>DNS questions through DnsClient.NET against the configured server, bounded in time and in parallelism.</summary>
internal sealed class DnsLookup
{
    private const int MaxRecords = 64;
    private readonly LookupClient _client;
    private readonly SemaphoreSlim _gate;

    public DnsLookup(CheckOptions options, SemaphoreSlim gate)
    {
        var o = options.DnsServer is null ? new LookupClientOptions() : new LookupClientOptions(options.DnsServer);
        o.Timeout = options.OperationTimeout;
        o.Retries = 1;
        o.ThrowDnsErrors = false;
        o.ContinueOnDnsError = false;
        o.ContinueOnEmptyResponse = false;
        o.UseTcpFallback = true;
        o.UseCache = true;
        _client = new LookupClient(o);
        _gate = gate;
    }

    public Task<DnsAnswer<MxRecord>> MxAsync(string name, CancellationToken ct) => QueryAsync(name, QueryType.MX, r => r.Answers.MxRecords(), ct);

    /// <summary>TXT records, each with its character-strings joined as RFC 7208 requires.</summary>
    public Task<DnsAnswer<string>> TxtAsync(string name, CancellationToken ct) =>
        QueryAsync(name, QueryType.TXT, r => r.Answers.TxtRecords().Select(t => string.Concat(t.Text)), ct);

    public Task<DnsAnswer<string>> PtrAsync(IPAddress ip, CancellationToken ct) =>
        QueryAsync(ip.GetArpaName(), QueryType.PTR, r => r.Answers.PtrRecords().Select(p => p.PtrDomainName.Value.TrimEnd('.')), ct);

    public Task<DnsAnswer<IPAddress>> AAsync(string name, CancellationToken ct) => QueryAsync(name, QueryType.A, r => r.Answers.ARecords().Select(a => a.Address), ct);

    public Task<DnsAnswer<IPAddress>> AaaaAsync(string name, CancellationToken ct) => QueryAsync(name, QueryType.AAAA, r => r.Answers.AaaaRecords().Select(a => a.Address), ct);

    /// <summary>A and AAAA together; NxDomain only when both say so, Failed when either failed and none gave addresses.</summary>
    public async Task<DnsAnswer<IPAddress>> AddressesAsync(string name, CancellationToken ct)
    {
        var a = AAsync(name, ct);
        var aaaa = AaaaAsync(name, ct);
        var (ra, raaaa) = (await a.ConfigureAwait(false), await aaaa.ConfigureAwait(false));
        var all = ra.Records.Concat(raaaa.Records).ToList();
        if (all.Count > 0) return new(DnsOutcome.Ok, all);
        if (!ra.Answered) return ra;
        if (!raaaa.Answered) return raaaa;
        return new(ra.Outcome == DnsOutcome.NxDomain ? DnsOutcome.NxDomain : DnsOutcome.NoData, []);
    }

    private async Task<DnsAnswer<T>> QueryAsync<T>(string name, QueryType type, Func<IDnsQueryResponse, IEnumerable<T>> pick, CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var response = await _client.QueryAsync(name, type, QueryClass.IN, ct).ConfigureAwait(false);
            var code = response.Header.ResponseCode;
            if (code == DnsHeaderResponseCode.NotExistentDomain) return new(DnsOutcome.NxDomain, []);
            if (code == DnsHeaderResponseCode.Refused) return new(DnsOutcome.Refused, [], "REFUSED");
            if (response.HasError || code != DnsHeaderResponseCode.NoError) return new(DnsOutcome.Failed, [], response.ErrorMessage);
            var records = pick(response).Take(MaxRecords).ToList();
            return new(records.Count > 0 ? DnsOutcome.Ok : DnsOutcome.NoData, records);
        }
        catch (DnsResponseException ex)
        {
            return new(ex.Code == DnsResponseCode.Refused ? DnsOutcome.Refused : DnsOutcome.Failed, [], ex.Code == DnsResponseCode.ConnectionTimeout ? "timeout" : ex.Message);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new(DnsOutcome.Failed, [], "timeout");
        }
        catch (Exception ex) when (ex is System.Net.Sockets.SocketException or IOException or ArgumentException or InvalidOperationException)
        {
            return new(DnsOutcome.Failed, [], ex.Message);
        }
        finally
        {
            _gate.Release();
        }
    }
}
