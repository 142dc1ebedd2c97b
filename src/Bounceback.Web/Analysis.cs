using System.Text;
using Bounceback.Core.Bounces;
using Bounceback.Core.Catalog;
using Bounceback.Core.Codes;
using Bounceback.Core.Diagnosis;
using MimeKit;

namespace Bounceback.Web;

/// <summary>What the page shows for one input: the explain report and, for a message, one result per recipient.</summary>
internal sealed record Analysis(ExplainReport Report, IReadOnlyList<BounceResult> Results, ParseOutcomeKind? MessageOutcome)
{
    /// <summary>The diagnosis to show first: the explain report's, else the first recipient's explanation.</summary>
    public Diagnosis? Diagnosis => Report.Diagnosis ?? Results.Select(r => r.Explanation).FirstOrDefault(d => d is not null);
}

/// <summary>Runs explain and parse off the request thread with a deadline (TimeoutException when it passes).</summary>
internal sealed class Analyzer(WebOptions options)
{
    public Task<ExplainReport> ExplainAsync(string text, Language language, CancellationToken cancellationToken) =>
        RunAsync(() => Diagnoser.Default.Explain(text, language), cancellationToken);

    public Task<ParseOutcome> ParseAsync(byte[] message, string source, Language language, CancellationToken cancellationToken) =>
        RunAsync(() =>
        {
            var (outcome, read) = Parse(message, source, language);
            read?.Dispose();
            return outcome;
        }, cancellationToken);

    /// <summary>For the page: a pasted text or an uploaded file, read as a message when it is one, and explained.</summary>
    public Task<Analysis> AnalyzeAsync(string? text, UploadedFile? file, Language language, CancellationToken cancellationToken) =>
        RunAsync(() => Analyze(text, file, language), cancellationToken);

    private static Analysis Analyze(string? text, UploadedFile? file, Language language)
    {
        IReadOnlyList<BounceResult> results = [];
        ParseOutcomeKind? outcome = null;
        var explainText = text ?? "";
        if (file is not null)
        {
            var (parsed, message) = Parse(file.Content, file.Name, language);
            using (message)
            {
                outcome = parsed.Kind;
                results = parsed.Results;
                explainText = message is null ? Encoding.UTF8.GetString(file.Content) : ReadableText(message);
            }
        }
        else if (Encoding.UTF8.GetBytes(explainText) is var pasted && (LooksLikeMessage(explainText) || PastedText.LacksHeaders(pasted)))
        {
            // A whole message, or the visible text of a notice pasted without its headers.
            var (parsed, message) = Parse(pasted, "-", language);
            using var read = message;
            if (message is not null && parsed.Kind == ParseOutcomeKind.Bounce)
            {
                outcome = parsed.Kind;
                results = parsed.Results;
            }
        }
        return new Analysis(Diagnoser.Default.Explain(explainText, language), results, outcome);
    }

    private static (ParseOutcome Outcome, MimeMessage? Message) Parse(byte[] bytes, string source, Language language)
    {
        MimeMessage message;
        // Binary data without headers (an image, an archive) is no message: unreadable, not "no bounce found".
        if (PastedText.LacksHeaders(bytes) && PastedText.IsBinary(bytes))
            return (new ParseOutcome(ParseOutcomeKind.Failed, [], ExplanationCatalog.Default.Text("parse.error.binary", language)), null);
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            message = PastedText.Load(stream);
        }
        catch (FormatException ex)
        {
            return (new ParseOutcome(ParseOutcomeKind.Failed, [], ex.Message), null);
        }
        return (BounceParser.Default.Parse(message, source, null, language), message);
    }

    /// <summary>A pasted text is read as a message when it starts with a header block.</summary>
    private static bool LooksLikeMessage(string text)
    {
        var head = text.AsSpan(0, Math.Min(text.Length, 4096));
        var end = head.IndexOf("\n\n") is var lf and >= 0 ? lf : head.IndexOf("\r\n\r\n");
        if (end <= 0) return false;
        var headers = head[..end];
        return headers.Contains("From:", StringComparison.OrdinalIgnoreCase)
            && (headers.Contains("Subject:", StringComparison.OrdinalIgnoreCase) || headers.Contains("Content-Type:", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The subject, the text parts and the delivery-status fields of a message: what a person would read.</summary>
    private static string ReadableText(MimeMessage message)
    {
        var text = new StringBuilder();
        text.AppendLine(message.Subject);
        foreach (var part in message.BodyParts)
        {
            switch (part)
            {
                case MessageDeliveryStatus status:
                    foreach (var group in status.StatusGroups)
                    {
                        foreach (var header in group) text.Append(header.Field).Append(": ").AppendLine(header.Value);
                        text.AppendLine();
                    }
                    break;
                case TextPart textPart:
                    text.AppendLine(textPart.Text);
                    break;
            }
        }
        return text.ToString();
    }

    private async Task<T> RunAsync<T>(Func<T> work, CancellationToken cancellationToken) =>
        await Task.Run(work, cancellationToken).WaitAsync(options.WorkTimeout, cancellationToken).ConfigureAwait(false);
}
