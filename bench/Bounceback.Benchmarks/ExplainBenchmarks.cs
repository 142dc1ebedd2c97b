using System.Text;
using BenchmarkDotNet.Attributes;
using Bounceback.Core.Codes;
using Bounceback.Core.Diagnosis;
using Bounceback.Core.Extraction;

namespace Bounceback.Benchmarks;

/// <summary>Throughput of explaining: short pasted texts, a 100 KB bounce body, and Diagnose per recipient.</summary>
[MemoryDiagnoser]
public class ExplainBenchmarks
{
    private readonly Diagnoser _diagnoser = Diagnoser.Default;
    private string _bounce = "";

    private const string Dialog = "The connection to the server was interrupted. Account: 'Work', Server: 'smtp.example.com', Protocol: SMTP, Port: 587, Secure(SSL): No, Socket Error: 10053, Error Number: 0x800CCC0F";
    private const string ReplyLine = "host mx.example.org[203.0.113.9] said: 550 5.1.1 <piet@example.org>: Recipient address rejected: User unknown in local recipient table";
    private const string Gmail = "550-5.7.26 Unauthenticated email from example.nl is not accepted due to\n550-5.7.26 domain's DMARC policy.\n550 5.7.26 https://support.google.com/mail/?p=DmarcRejection - gsmtp";

    [GlobalSetup]
    public void Setup()
    {
        _ = _diagnoser.Explain("5.1.1", Language.En);
        // A 100 KB bounce-like body: headers, prose, a delivery-status part and quoted original text with numbers.
        var sb = new StringBuilder();
        var i = 0;
        while (sb.Length < 100 * 1024)
        {
            sb.Append("Received: from mail").Append(i % 7).Append(".example.net (mail.example.net [192.0.2.").Append(i % 250).Append("]) by mx.example.org; Mon, 23 Nov 2026 10:")
              .Append((i % 60).ToString("D2", System.Globalization.CultureInfo.InvariantCulture)).Append(":00 +0100\n");
            sb.Append("This is the mail system at host mx.example.org. I'm sorry to have to inform you that your message could not be delivered.\n");
            sb.Append("> Quoted order 10042 of 250 items, total 1.234,50 EUR, call 020 555 1234.\n");
            i++;
        }
        sb.Append("Final-Recipient: rfc822; piet@example.org\nAction: failed\nStatus: 5.1.1\nDiagnostic-Code: smtp; ").Append(ReplyLine).Append('\n');
        _bounce = sb.ToString();
    }

    [Benchmark(Description = "explain a lone code")]
    public Diagnosis? LoneCode() => _diagnoser.Explain("5.7.1", Language.En).Diagnosis;

    [Benchmark(Description = "explain an Outlook dialog")]
    public Diagnosis? OutlookDialog() => _diagnoser.Explain(Dialog, Language.Nl).Diagnosis;

    [Benchmark(Description = "explain a reply line")]
    public Diagnosis? Reply() => _diagnoser.Explain(ReplyLine, Language.En).Diagnosis;

    [Benchmark(Description = "explain a multi-line Gmail reply")]
    public Diagnosis? MultiLine() => _diagnoser.Explain(Gmail, Language.En).Diagnosis;

    [Benchmark(Description = "explain a 100 KB bounce body")]
    public Diagnosis? Bounce100K() => _diagnoser.Explain(_bounce, Language.En).Diagnosis;

    [Benchmark(Description = "extract codes from a 100 KB bounce body")]
    public int Extract100K() => _diagnoser.Extractor.Extract(_bounce).Codes.Count;

    [Benchmark(Description = "Diagnose(status, reply, text) per recipient")]
    public Diagnosis? DiagnoseRecipient() => _diagnoser.Diagnose("5.1.1", 550, "Recipient address rejected: User unknown in local recipient table", Language.En);

    [Benchmark(Description = "Diagnose with a provider token")]
    public Diagnosis? DiagnoseProvider() => _diagnoser.Diagnose("4.7.0", 421, "[TSS04] Messages from 198.51.100.3 temporarily deferred - mta7.am0.yahoodns.net", Language.En);
}
