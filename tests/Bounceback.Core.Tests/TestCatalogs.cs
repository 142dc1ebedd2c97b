using System.Text;
using Bounceback.Core.Catalog;

namespace Bounceback.Core.Tests;

/// <summary>Small catalogs of our own, so that rules can be tested independently of the shipped catalog data.</summary>
internal static class TestCatalogs
{
    private static string Entry(string code, string side, string reason, string? severity = null) => $"""
          - code: "{code}"
            title: {"{"} en: "Title {code}", nl: "Titel {code}" {"}"}
            meaning: {"{"} en: "Meaning {code}", nl: "Betekenis {code}" {"}"}
            causes: {"{"} en: ["Cause {code}"], nl: ["Oorzaak {code}"] {"}"}
            steps:
              sender: {"{"} en: ["Sender step {code}", "Shared step"], nl: ["Stap afzender {code}", "Gedeelde stap"] {"}"}
              admin: {"{"} en: ["Admin step {code}"], nl: ["Stap beheerder {code}"] {"}"}
            faultSide: {side}
            reason: {reason}
            source: test
        {(severity is null ? "" : "    severity: " + severity + "\n")}
        """;

    private static readonly string Enhanced = "family: enhanced\nentries:\n"
        + Entry("x.1.1", "recipient", "userunknown") + Entry("x.2.2", "recipient", "mailboxfull") + Entry("x.5.0", "sender-server", "syntaxerror")
        + Entry("x.7.1", "sender", "rejected") + Entry("4.4.7", "recipient-server", "expired", "temporary")
        + Entry("5", "unknown", "undefined", "permanent") + Entry("4", "unknown", "undefined", "temporary") + Entry("x.7", "sender", "securityerror");

    private static readonly string Reply = "family: reply\nentries:\n"
        + Entry("550", "recipient", "rejected", "permanent") + Entry("452", "recipient-server", "systemfull", "temporary")
        + Entry("5yz", "unknown", "undefined", "permanent") + Entry("x5z", "recipient-server", "undefined");

    private static readonly string Client = "family: windows-client\nentries:\n" + Entry("0x800CCC0E", "sender-client", "networkerror");

    private static readonly string Winsock = "family: winsock\nentries:\n" + Entry("10060", "network", "networkerror");

    private static readonly string Provider = """
        family: provider
        provider:
          id: acme
          name: "Acme Mail"
          detect: ["acmemail.example"]
          tokens: ["\\[?AC\\d{3}\\]?"]
        entries:

        """
        + Entry("AC123", "sender-server", "blocked", "permanent").Replace("source: test", "source: test\n    reply: 554", StringComparison.Ordinal)
        + Entry("5.7.1", "sender-server", "spamdetected").Replace("source: test", "source: test\n    phrases: [\"spam\"]", StringComparison.Ordinal)
        + Entry("5.7.650", "sender-server", "badreputation", "permanent");

    private static readonly string Ui = """
        strings:
          summary.what: { en: "{title}.", nl: "{title}." }
          summary.side: { en: "Side {side}.", nl: "Kant {side}." }
          note.dotless: { en: "read {written} as {code}", nl: "{written} gelezen als {code}" }
          note.replyOrDotless: { en: "{code} or {other}", nl: "{code} of {other}" }
          note.providerByCode: { en: "{code} is {provider}'s", nl: "{code} is van {provider}" }
          fallback.title: { en: "{title} (unknown detail)", nl: "{title} (onbekend)" }
          fallback.unknownDetail: { en: "Unknown {code}.", nl: "Onbekend {code}." }
        """;

    /// <summary>A catalog with a handful of entries of every kind and one provider ("acme").</summary>
    public static ExplanationCatalog Small { get; } = ExplanationCatalog.Load(
        new[] { ("enhanced.yaml", Enhanced), ("reply.yaml", Reply), ("client.yaml", Client), ("winsock.yaml", Winsock), ("providers/acme.yaml", Provider), ("ui.yaml", Ui) }
            .Select(f => (f.Item1, (Func<Stream>)(() => new MemoryStream(Encoding.UTF8.GetBytes(f.Item2))))));

    /// <summary>A diagnoser over <see cref="Small"/>, made once.</summary>
    public static Bounceback.Core.Diagnosis.Diagnoser SmallDiagnoser { get; } = new(Small);
}
