using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Bounceback.Tests.Servers;

/// <summary>
/// A minimal authoritative DNS responder over UDP on 127.0.0.1 (RFC 1035 encoding written for the tests only):
/// serves the records added to it, NXDOMAIN for unknown names, REFUSED for names under refused suffixes, and no
/// answer at all for names under silent suffixes.
/// </summary>
public sealed class TestDnsServer : IDisposable
{
    public const ushort A = 1, Ns = 2, Cname = 5, Ptr = 12, Mx = 15, Txt = 16, Aaaa = 28;
    private readonly UdpClient _udp;
    private readonly CancellationTokenSource _stop = new();
    private readonly Dictionary<(string Name, ushort Type), List<byte[]>> _records = [];
    private readonly HashSet<string> _names = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _refused = [];
    private readonly List<string> _silent = [];
    private readonly Lock _lock = new();
    private int _queries;

    public TestDnsServer()
    {
        _udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        EndPoint = (IPEndPoint)_udp.Client.LocalEndPoint!;
        _ = Task.Run(LoopAsync);
    }

    public IPEndPoint EndPoint { get; }

    /// <summary>How many queries were answered or dropped so far.</summary>
    public int Queries => Volatile.Read(ref _queries);

    public TestDnsServer AddA(string name, string ip) => Add(name, IPAddress.Parse(ip).AddressFamily == AddressFamily.InterNetwork ? A : Aaaa, IPAddress.Parse(ip).GetAddressBytes());
    public TestDnsServer AddMx(string name, ushort preference, string host)
    {
        var rdata = new List<byte>();
        var pref = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(pref, preference);
        rdata.AddRange(pref);
        rdata.AddRange(EncodeName(host));
        return Add(name, Mx, [.. rdata]);
    }

    public TestDnsServer AddTxt(string name, string text)
    {
        var bytes = Encoding.ASCII.GetBytes(text);
        var rdata = new List<byte>();
        for (var i = 0; i < bytes.Length; i += 255)
        {
            var chunk = bytes.AsSpan(i, Math.Min(255, bytes.Length - i));
            rdata.Add((byte)chunk.Length);
            rdata.AddRange(chunk.ToArray());
        }
        return Add(name, Txt, [.. rdata]);
    }

    public TestDnsServer AddPtr(string ip, string host) => Add(IPAddress.Parse(ip).GetArpaName(), Ptr, EncodeName(host));

    /// <summary>Every name ending in this suffix gets REFUSED.</summary>
    public TestDnsServer Refuse(string suffix)
    {
        lock (_lock) _refused.Add(suffix.ToLowerInvariant());
        return this;
    }

    /// <summary>Queries for names ending in this suffix are never answered.</summary>
    public TestDnsServer Ignore(string suffix)
    {
        lock (_lock) _silent.Add(suffix.ToLowerInvariant());
        return this;
    }

    private TestDnsServer Add(string name, ushort type, byte[] rdata)
    {
        var key = (name.TrimEnd('.').ToLowerInvariant(), type);
        lock (_lock)
        {
            if (!_records.TryGetValue(key, out var list)) _records[key] = list = [];
            list.Add(rdata);
            _names.Add(key.Item1);
        }
        return this;
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            UdpReceiveResult packet;
            try
            {
                packet = await _udp.ReceiveAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                if (_stop.IsCancellationRequested) return;
                continue;
            }
            Interlocked.Increment(ref _queries);
            var reply = Answer(packet.Buffer);
            if (reply is null) continue;
            try
            {
                await _udp.SendAsync(reply, packet.RemoteEndPoint, _stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
            }
        }
    }

    private byte[]? Answer(byte[] query)
    {
        if (query.Length < 12) return null;
        var pos = 12;
        var labels = new List<string>();
        while (pos < query.Length && query[pos] != 0)
        {
            int len = query[pos];
            if (pos + 1 + len > query.Length) return null;
            labels.Add(Encoding.ASCII.GetString(query, pos + 1, len));
            pos += 1 + len;
        }
        pos++;
        if (pos + 4 > query.Length) return null;
        var type = BinaryPrimitives.ReadUInt16BigEndian(query.AsSpan(pos));
        var questionEnd = pos + 4;
        var name = string.Join('.', labels).ToLowerInvariant();

        int rcode;
        List<byte[]> answers = [];
        lock (_lock)
        {
            if (_silent.Any(s => name.EndsWith(s, StringComparison.Ordinal))) return null;
            if (_refused.Any(s => name.EndsWith(s, StringComparison.Ordinal))) rcode = 5;
            else if (_records.TryGetValue((name, type), out var found)) { rcode = 0; answers = [.. found]; }
            else rcode = _names.Contains(name) ? 0 : 3;
        }

        var response = new List<byte>();
        response.AddRange(query.AsSpan(0, 2).ToArray());
        var rd = query[2] & 0x01;
        response.Add((byte)(0x84 | rd));
        response.Add((byte)(0x80 | rcode));
        response.AddRange(new byte[] { 0, 1 });
        response.Add((byte)(answers.Count >> 8));
        response.Add((byte)answers.Count);
        response.AddRange(new byte[] { 0, 0, 0, 0 });
        response.AddRange(query.AsSpan(12, questionEnd - 12).ToArray());
        foreach (var rdata in answers)
        {
            response.AddRange(new byte[] { 0xC0, 12 });
            response.Add((byte)(type >> 8));
            response.Add((byte)type);
            response.AddRange(new byte[] { 0, 1, 0, 0, 0, 60 });
            response.Add((byte)(rdata.Length >> 8));
            response.Add((byte)rdata.Length);
            response.AddRange(rdata);
        }
        return [.. response];
    }

    private static byte[] EncodeName(string name)
    {
        var result = new List<byte>();
        foreach (var label in name.TrimEnd('.').Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            result.Add((byte)label.Length);
            result.AddRange(Encoding.ASCII.GetBytes(label));
        }
        result.Add(0);
        return [.. result];
    }

    public void Dispose()
    {
        _stop.Cancel();
        _udp.Dispose();
        _stop.Dispose();
    }
}
