using Bounceback.Core.Codes;
using Bounceback.Core.Diagnosis;

namespace Bounceback.Core.Tests;

/// <summary>Whether a pasted text is about fetching mail, and what that changes in the answer.</summary>
public class TextContextTests
{
    [Theory]
    [InlineData("Task 'pop.example.nl - Receiving' reported error (0x800CCC0E) : 'Cannot connect to the server.'")]
    [InlineData("Taak 'imap.example.nl - Ontvangen' heeft fout (0x800CCC0F) gerapporteerd: 'De verbinding met de server is verbroken.'")]
    [InlineData("Your incoming (POP3) e-mail server has reported an internal error. Socket Error: 10060")]
    [InlineData("Sending and receiving reported error (0x8004210A): 'The operation timed out waiting for a response from the receiving (POP) server.'")]
    [InlineData("Cannot Get Mail\nThe connection to the server failed.")]
    [InlineData("Ik kan geen mail ontvangen, Thunderbird zegt: verbinding met imap.example.nl:993 mislukt (10061)")]
    public void Fetching_mail_is_recognised(string text) => Assert.True(TextContext.FetchesMail(text));

    [Theory]
    [InlineData("Task 'smtp.example.nl - Sending' reported error (0x800CCC0E) : 'Cannot connect to the server.'")]
    [InlineData("Receiving works, but sending fails: Socket Error: 10060 on the outgoing server")]
    [InlineData("Samsung Email with IMAP/SMTP: error 10054")]
    [InlineData("Task 'mail.example.org - Sending and Receiving' reported error (0x800CCC13) : 'Cannot connect to the network.'")]
    [InlineData("Sending of the message failed. Connection to imap.example.org timed out (10060)")]
    [InlineData("0x800CCC0E")]
    public void Sending_or_no_direction_is_not_fetching(string text) => Assert.False(TextContext.FetchesMail(text));

    [Theory]
    [InlineData("Outlook couldn't sign in to the outgoing server for your account. Remote server returned: 535 5.7.8 Error: authentication failed")]
    [InlineData("Outlook kon zich niet aanmelden bij de uitgaande server voor uw account. Externe server heeft geretourneerd: 535 5.7.8")]
    public void A_login_named_as_the_users_own_account_is_recognised(string text) => Assert.True(TextContext.NamesOwnOutgoingLogin(text));

    [Theory]
    [InlineData("SASL authentication failed; server smtp.relay.example[192.0.2.9] said: 535 5.7.8 Error: authentication failed")]
    [InlineData("535 5.7.8 Error: authentication failed")]
    public void A_login_one_server_made_to_another_is_not_the_users_own(string text) => Assert.False(TextContext.NamesOwnOutgoingLogin(text));

    [Theory]
    [InlineData("Bezorging is vertraagd voor deze ontvangers of groepen: ... Er wordt nog steeds geprobeerd het bericht te bezorgen. '400 4.4.7 Message delayed'")]
    [InlineData("Delivery has been delayed to these recipients or groups: ... 400 4.4.7 Message delayed")]
    [InlineData("Gmail will retry for 45 more hours. You'll be notified if the delivery fails permanently.")]
    public void A_delay_notice_says_the_server_is_still_trying(string text)
    {
        Assert.True(TextContext.SaysStillTrying(text));
        Assert.False(Diagnoser.Default.Explain(text, Language.En).Diagnosis?.RetryMayHelp == false);
    }

    [Theory]
    [InlineData("SMTP error from remote mail server after RCPT TO:<ann@example.net>: 451 4.3.0 Temporary lookup failure: retry timeout exceeded")]
    [InlineData("Hi. This is the qmail-send program.\nI'm not going to try again; this message has been in the queue too long.\nRemote host said: 421 4.3.2 Service not available")]
    public void A_notice_of_a_queue_that_gave_up_says_a_temporary_reply_is_no_longer_retried(string text)
    {
        Assert.True(TextContext.SaysGaveUp(text));
        var d = Diagnoser.Default.Explain(text, Language.En).Diagnosis!;
        Assert.Equal(Severity.Temporary, d.Severity);
        Assert.Contains(Diagnoser.Default.Catalog.Text("summary.retry.gaveUp", Language.En), d.Summary);
    }

    [Fact]
    public void A_status_of_a_queue_that_gave_up_is_no_delay() =>
        Assert.False(TextContext.SaysStillTrying("554 4.4.7 Message expired: unable to deliver in 840 minutes"));

    [Fact]
    public void A_relayed_refusal_of_the_users_own_login_blames_the_mail_program()
    {
        var own = Diagnoser.Default.Explain("Outlook couldn't sign in to the outgoing server for your account. Remote server returned: 535 5.7.8 Error: authentication failed", Language.En).Diagnosis!;
        Assert.Equal(FaultSide.SenderClient, own.FaultSide);
        // The same reply quoted by a server that logged in to its smarthost is that server's setting.
        var server = Diagnoser.Default.Explain("SASL authentication failed; server smtp.relay.example[192.0.2.9] said: 535 5.7.8 Error: authentication failed", Language.En).Diagnosis!;
        Assert.Equal(FaultSide.SenderServer, server.FaultSide);
    }

    [Theory]
    [InlineData(Language.En)]
    [InlineData(Language.Nl)]
    public void A_code_met_while_fetching_gets_the_receiving_steps_of_its_entry(Language language)
    {
        var diagnoser = Diagnoser.Default;
        var entry = diagnoser.Catalog.Find(CodeKind.WindowsClient, "0x800CCC0E")!;
        Assert.False(entry.ReceivingSenderSteps.IsEmpty);
        var fetching = diagnoser.Explain("Task 'pop.example.nl - Receiving' reported error (0x800CCC0E) : 'Cannot connect to the server.'", language).Diagnosis!;
        Assert.Equal(entry.ReceivingSenderSteps.Get(language), fetching.Steps.Sender);
        Assert.Equal(entry.ReceivingAdminSteps.Get(language), fetching.Steps.Admin);
        var sending = diagnoser.Explain("Task 'smtp.example.nl - Sending' reported error (0x800CCC0E) : 'Cannot connect to the server.'", language).Diagnosis!;
        Assert.Equal(entry.SenderSteps.Get(language), sending.Steps.Sender);
        // A lone code names no direction: it keeps the steps it always had.
        Assert.Equal(entry.SenderSteps.Get(language), diagnoser.Explain("0x800CCC0E", language).Diagnosis!.Steps.Sender);
    }

    [Fact]
    public void No_receiving_step_gives_sending_advice()
    {
        var sendingWords = new[] { "587", "465", "port 25", "poort 25", "Outbox", "Postvak UIT", "outgoing", "uitgaande" };
        var problems = Diagnoser.Default.Catalog.Entries
            .SelectMany(e => e.ReceivingSenderSteps.En.Concat(e.ReceivingSenderSteps.Nl).Concat(e.ReceivingAdminSteps.En).Concat(e.ReceivingAdminSteps.Nl)
                .Where(s => sendingWords.Any(w => s.Contains(w, StringComparison.OrdinalIgnoreCase))).Select(s => $"{e.Code}: {s}"))
            .ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
