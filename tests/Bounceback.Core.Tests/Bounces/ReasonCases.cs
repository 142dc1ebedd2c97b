using Bounceback.Core.Bounces.Decoders;
using Bounceback.Core.Bounces.Reasons;

namespace Bounceback.Core.Tests.Bounces;

/// <summary>The one way the reason tests classify a failed recipient's wording (<c>using static</c> in each test class).</summary>
internal static class ReasonCases
{
    /// <summary>The recipient of every case unless a case names another.</summary>
    public const string Recipient = "ann@shop.example";

    /// <summary>Classifies a failure report for one recipient; every argument after the status is best passed by name.</summary>
    public static Classification Classify(string diagnostic, string? status = null, string? command = null, string? action = "failed",
        string? notice = null, string recipient = Recipient, string? sender = null) =>
        ReasonClassifier.Classify(ReportKind.Failure,
            new RecipientFacts { Recipient = recipient, Status = status, DiagnosticCode = diagnostic, Command = command, Action = action }, notice, sender);
}
