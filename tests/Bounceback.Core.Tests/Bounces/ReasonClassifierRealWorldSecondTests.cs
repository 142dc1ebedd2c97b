using Bounceback.Core.Bounces.Reasons;
using Bounceback.Core.Codes;
using static Bounceback.Core.Tests.Bounces.ReasonCases;

namespace Bounceback.Core.Tests.Bounces;

/// <summary>
/// Second real-world pass: what the first (<see cref="ReasonClassifierRealWorldTests"/>) left out. Replies and diagnostics
/// in the languages the large national providers answer in (German, French, Dutch, Spanish, Italian, Portuguese, Russian,
/// Japanese, Chinese, Korean, and both at once), and replies that are mostly codes: a bare enhanced status, a numeric reply
/// code with RFC 5321's generic words, multi-line replies, vendor sub-codes. Each line is written from what those servers
/// are widely known to send, with the reason the vocabulary (reference/reasons.tsv) gives it; lines whose reason is
/// genuinely open are left out. Addresses, hosts, IPs and ids are invented (example.*, *.test, documentation IPs).
/// </summary>
public class ReasonClassifierRealWorldSecondTests
{
    [Theory]
    // ---- German (GMX, web.de, T-Online, 1&1/IONOS, Strato, mailbox.org, Posteo)
    [InlineData("550 5.1.1 <ann@example.de>: Empfängeradresse abgelehnt: Benutzer unbekannt", "5.1.1", BounceReason.UserUnknown)]
    [InlineData("550 Benutzer unbekannt", null, BounceReason.UserUnknown)]
    [InlineData("550 Unbekannte E-Mail-Adresse: ann@example.de", null, BounceReason.UserUnknown)]
    [InlineData("550 Die Mailbox des Empfängers existiert nicht", null, BounceReason.UserUnknown)]
    [InlineData("552 Postfach voll", null, BounceReason.MailboxFull)]
    [InlineData("452 Das Postfach des Empfängers ist voll. Bitte versuchen Sie es später erneut.", null, BounceReason.MailboxFull)]
    [InlineData("550 Das Postfach ist gesperrt", null, BounceReason.Suspend)]
    [InlineData("550 5.2.1 Konto deaktiviert", null, BounceReason.Suspend)]
    [InlineData("552 Die Nachricht ist zu groß", null, BounceReason.MesgTooBig)]
    [InlineData("554 Nachricht wurde als Spam eingestuft und abgewiesen", null, BounceReason.SpamDetected)]
    [InlineData("554 5.7.1 Virus gefunden: Eicar-Test-Signature", null, BounceReason.VirusDetected)]
    [InlineData("421 Zu viele Verbindungen von Ihrer IP-Adresse, bitte später erneut versuchen", null, BounceReason.TooManyConn)]
    [InlineData("554 Ihre IP-Adresse 192.0.2.10 steht auf einer Sperrliste", null, BounceReason.Blocked)]
    [InlineData("550 5.7.1 Relaying nicht erlaubt", null, BounceReason.NoRelaying)]
    [InlineData("550 5.1.2 Die Domain existiert nicht", null, BounceReason.HostUnknown)]
    [InlineData("550 Absender abgelehnt", null, BounceReason.Rejected)]
    [InlineData("550 5.1.8 Absender unbekannt", null, BounceReason.Rejected)]
    [InlineData("450 Greylisting aktiv, bitte später erneut versuchen", null, BounceReason.Blocked)]
    [InlineData("550 5.7.1 Nachricht wegen Verstoß gegen unsere Richtlinien abgelehnt", null, BounceReason.PolicyViolation)]
    [InlineData("451 Lokaler Fehler bei der Verarbeitung, bitte später erneut versuchen", null, BounceReason.SystemError)]

    // ---- French (Orange/Wanadoo, SFR, Free, La Poste)
    [InlineData("550 5.1.1 Utilisateur inconnu", null, BounceReason.UserUnknown)]
    [InlineData("550 5.1.1 <ann@example.fr>: Destinataire inconnu", null, BounceReason.UserUnknown)]
    [InlineData("550 Adresse inexistante", null, BounceReason.UserUnknown)]
    [InlineData("550 Ce compte n'existe pas", null, BounceReason.UserUnknown)]
    [InlineData("552 Boite aux lettres pleine", null, BounceReason.MailboxFull)]
    [InlineData("452 La boîte aux lettres du destinataire est pleine, réessayez plus tard", null, BounceReason.MailboxFull)]
    [InlineData("552 Quota dépassé pour ce destinataire", null, BounceReason.MailboxFull)]
    [InlineData("552 Message trop volumineux", null, BounceReason.MesgTooBig)]
    [InlineData("550 Compte désactivé", null, BounceReason.Suspend)]
    [InlineData("550 Compte suspendu", null, BounceReason.Suspend)]
    [InlineData("554 5.7.1 Message refusé : spam détecté", null, BounceReason.SpamDetected)]
    [InlineData("554 Message refusé : virus détecté", null, BounceReason.VirusDetected)]
    [InlineData("550 5.7.1 Votre adresse IP est en liste noire", null, BounceReason.Blocked)]
    [InlineData("421 Trop de connexions simultanées, réessayez plus tard", null, BounceReason.TooManyConn)]
    [InlineData("550 Relais interdit", null, BounceReason.NoRelaying)]
    [InlineData("550 5.1.2 Domaine inexistant", null, BounceReason.HostUnknown)]
    [InlineData("550 Expéditeur refusé", null, BounceReason.Rejected)]
    [InlineData("550 Expéditeur inconnu", null, BounceReason.Rejected)]
    [InlineData("451 Erreur interne du serveur, réessayez plus tard", null, BounceReason.SystemError)]

    // ---- Dutch (KPN, Ziggo)
    [InlineData("550 5.1.1 Onbekende gebruiker", null, BounceReason.UserUnknown)]
    [InlineData("550 Dit e-mailadres is onbekend", null, BounceReason.UserUnknown)]
    [InlineData("552 Mailbox van de ontvanger is vol", null, BounceReason.MailboxFull)]
    [InlineData("552 Bericht is te groot", null, BounceReason.MesgTooBig)]
    [InlineData("550 Mailbox is gedeactiveerd", null, BounceReason.Suspend)]
    [InlineData("554 Uw IP-adres staat op een zwarte lijst", null, BounceReason.Blocked)]
    [InlineData("421 Te veel verbindingen vanaf uw IP-adres", null, BounceReason.TooManyConn)]
    [InlineData("554 Bericht geweigerd: spam", null, BounceReason.SpamDetected)]
    [InlineData("550 Relay niet toegestaan", null, BounceReason.NoRelaying)]
    [InlineData("554 5.7.1 Virus gevonden in bericht", null, BounceReason.VirusDetected)]

    // ---- Spanish
    [InlineData("550 5.1.1 Usuario desconocido", null, BounceReason.UserUnknown)]
    [InlineData("550 El usuario no existe", null, BounceReason.UserUnknown)]
    [InlineData("550 Destinatario inexistente", null, BounceReason.UserUnknown)]
    [InlineData("552 Buzón lleno", null, BounceReason.MailboxFull)]
    [InlineData("552 Mensaje demasiado grande", null, BounceReason.MesgTooBig)]
    [InlineData("550 Cuenta suspendida", null, BounceReason.Suspend)]
    [InlineData("550 Cuenta deshabilitada", null, BounceReason.Suspend)]
    [InlineData("554 Mensaje rechazado por spam", null, BounceReason.SpamDetected)]
    [InlineData("554 Virus detectado en el mensaje", null, BounceReason.VirusDetected)]
    [InlineData("550 Relay no permitido", null, BounceReason.NoRelaying)]
    [InlineData("550 Su dirección IP está en una lista negra", null, BounceReason.Blocked)]
    [InlineData("421 Demasiadas conexiones desde su dirección IP", null, BounceReason.TooManyConn)]
    [InlineData("550 Remitente rechazado", null, BounceReason.Rejected)]
    [InlineData("550 5.1.2 Dominio desconocido", null, BounceReason.HostUnknown)]

    // ---- Italian (Libero, Aruba, Virgilio)
    [InlineData("550 5.1.1 Utente sconosciuto", null, BounceReason.UserUnknown)]
    [InlineData("550 Casella inesistente", null, BounceReason.UserUnknown)]
    [InlineData("552 Casella piena", null, BounceReason.MailboxFull)]
    [InlineData("552 La casella di posta del destinatario è piena", null, BounceReason.MailboxFull)]
    [InlineData("552 Messaggio troppo grande", null, BounceReason.MesgTooBig)]
    [InlineData("550 Casella disattivata", null, BounceReason.Suspend)]
    [InlineData("554 Messaggio rifiutato perché considerato spam", null, BounceReason.SpamDetected)]
    [InlineData("554 Virus trovato nel messaggio", null, BounceReason.VirusDetected)]
    [InlineData("550 Relay non consentito", null, BounceReason.NoRelaying)]
    [InlineData("550 Il tuo indirizzo IP è in lista nera", null, BounceReason.Blocked)]
    [InlineData("421 Troppe connessioni dal tuo indirizzo IP", null, BounceReason.TooManyConn)]
    [InlineData("550 Mittente rifiutato", null, BounceReason.Rejected)]
    [InlineData("550 5.1.2 Dominio inesistente", null, BounceReason.HostUnknown)]

    // ---- Portuguese (UOL, Terra)
    [InlineData("550 5.1.1 Usuário inexistente", null, BounceReason.UserUnknown)]
    [InlineData("550 Usuário desconhecido", null, BounceReason.UserUnknown)]
    [InlineData("552 Caixa postal cheia", null, BounceReason.MailboxFull)]
    [InlineData("552 Mensagem muito grande", null, BounceReason.MesgTooBig)]
    [InlineData("550 Conta desativada", null, BounceReason.Suspend)]
    [InlineData("550 Conta suspensa", null, BounceReason.Suspend)]
    [InlineData("554 Mensagem rejeitada por conter spam", null, BounceReason.SpamDetected)]
    [InlineData("554 Vírus encontrado na mensagem", null, BounceReason.VirusDetected)]
    [InlineData("550 Relay não permitido", null, BounceReason.NoRelaying)]
    [InlineData("550 Seu IP está em uma lista negra", null, BounceReason.Blocked)]
    [InlineData("550 Remetente rejeitado", null, BounceReason.Rejected)]
    [InlineData("550 5.1.2 Domínio inexistente", null, BounceReason.HostUnknown)]

    // ---- Russian (Mail.ru, Yandex, Rambler)
    [InlineData("550 Пользователь не найден", null, BounceReason.UserUnknown)]
    [InlineData("550 Такого ящика нет", null, BounceReason.UserUnknown)]
    [InlineData("550 Почтовый ящик не существует", null, BounceReason.UserUnknown)]
    [InlineData("552 Почтовый ящик переполнен", null, BounceReason.MailboxFull)]
    [InlineData("550 Почтовый ящик заблокирован", null, BounceReason.Suspend)]
    [InlineData("552 Размер письма превышает допустимый", null, BounceReason.MesgTooBig)]
    [InlineData("554 Письмо отклонено как спам", null, BounceReason.SpamDetected)]
    [InlineData("554 В письме обнаружен вирус", null, BounceReason.VirusDetected)]
    [InlineData("550 5.1.2 Домен не найден", null, BounceReason.HostUnknown)]
    [InlineData("421 Слишком много соединений с вашего IP-адреса", null, BounceReason.TooManyConn)]
    [InlineData("550 Ваш IP-адрес находится в черном списке", null, BounceReason.Blocked)]

    // ---- Japanese (docomo, au, SoftBank, OCN)
    [InlineData("550 宛先のメールアドレスは存在しません", null, BounceReason.UserUnknown)]
    [InlineData("550 5.1.1 ユーザが存在しません", null, BounceReason.UserUnknown)]
    [InlineData("552 メールボックスがいっぱいです", null, BounceReason.MailboxFull)]
    [InlineData("552 メールサイズが大きすぎます", null, BounceReason.MesgTooBig)]
    [InlineData("550 受信拒否設定により受信できません", null, BounceReason.Filtered)]
    [InlineData("554 迷惑メールと判定されました", null, BounceReason.SpamDetected)]
    [InlineData("554 ウイルスが検出されました", null, BounceReason.VirusDetected)]
    [InlineData("550 ドメインが見つかりません", null, BounceReason.HostUnknown)]
    [InlineData("550 このアカウントは利用停止中です", null, BounceReason.Suspend)]

    // ---- Chinese (QQ, NetEase 163, Sina, Aliyun)
    [InlineData("550 收件人不存在", null, BounceReason.UserUnknown)]
    [InlineData("550 用户不存在", null, BounceReason.UserUnknown)]
    [InlineData("552 用户邮箱已满", null, BounceReason.MailboxFull)]
    [InlineData("552 邮件大小超过限制", null, BounceReason.MesgTooBig)]
    [InlineData("554 DT:SPM 邮件被识别为垃圾邮件", null, BounceReason.SpamDetected)]
    [InlineData("554 邮件含有病毒", null, BounceReason.VirusDetected)]
    [InlineData("550 您的IP已被列入黑名单", null, BounceReason.Blocked)]
    [InlineData("550 域名不存在", null, BounceReason.HostUnknown)]
    [InlineData("550 帐户已被冻结", null, BounceReason.Suspend)]

    // ---- Korean (Naver, Daum)
    [InlineData("550 5.1.1 존재하지 않는 사용자입니다", null, BounceReason.UserUnknown)]
    [InlineData("552 메일함 용량이 초과되었습니다", null, BounceReason.MailboxFull)]
    [InlineData("554 스팸으로 분류되어 거부되었습니다", null, BounceReason.SpamDetected)]
    [InlineData("550 존재하지 않는 도메인입니다", null, BounceReason.HostUnknown)]
    [InlineData("550 휴면 계정입니다", null, BounceReason.Suspend)]
    [InlineData("552 메일 크기가 너무 큽니다", null, BounceReason.MesgTooBig)]

    // ---- bilingual replies
    [InlineData("550 5.1.1 Benutzer unbekannt / User unknown", null, BounceReason.UserUnknown)]
    [InlineData("552 5.2.2 Postfach voll / Mailbox full", null, BounceReason.MailboxFull)]
    [InlineData("550 Adresse inconnue / Unknown address", null, BounceReason.UserUnknown)]
    [InlineData("554 5.7.1 Votre message a été refusé car il ressemble à du spam. Your message was rejected because it looks like spam.", null, BounceReason.SpamDetected)]
    [InlineData("550 Cuenta inexistente - Account does not exist", null, BounceReason.UserUnknown)]
    [InlineData("550 メールアドレスが存在しません (Mail address does not exist)", null, BounceReason.UserUnknown)]
    [InlineData("550 用户不存在 User not found", null, BounceReason.UserUnknown)]
    [InlineData("550 Expéditeur refusé / Sender rejected", null, BounceReason.Rejected)]
    public void A_reply_in_another_language_gets_the_vocabularys_reason(string line, string? status, BounceReason want)
    {
        Assert.Equal(want, Classify(line, status).Reason);
        // The words decide, not the reply code's fallback (550 alone would give userunknown, 552 mailboxfull).
        Assert.Equal(want, Classify(WithoutReplyCode(line), status).Reason);
    }

    private static string WithoutReplyCode(string line) =>
        line.Length > 4 && char.IsAsciiDigit(line[0]) && char.IsAsciiDigit(line[1]) && char.IsAsciiDigit(line[2]) && line[3] == ' ' ? line[4..] : line;

    [Theory]
    // "Unknown" of an error, not of a user (Dutch, Spanish, Italian, Portuguese)
    [InlineData("451 Er is een onbekende fout opgetreden", BounceReason.UserUnknown)]
    [InlineData("451 Error desconocido, inténtelo de nuevo más tarde", BounceReason.UserUnknown)]
    [InlineData("451 Errore sconosciuto", BounceReason.UserUnknown)]
    [InlineData("451 Erro desconhecido", BounceReason.UserUnknown)]
    // the sender, not the recipient, is unknown (Spanish, Russian, Chinese, Japanese)
    [InlineData("550 Remitente desconocido", BounceReason.UserUnknown)]
    [InlineData("550 Отправитель не найден", BounceReason.UserUnknown)]
    [InlineData("550 发件人不存在", BounceReason.UserUnknown)]
    [InlineData("550 送信者のアドレスは存在しません", BounceReason.UserUnknown)]
    // Russian "too large a number (of recipients)" is no message size
    [InlineData("452 Слишком большое количество получателей", BounceReason.MesgTooBig)]
    public void A_foreign_word_that_looks_like_a_reason_but_is_about_something_else_does_not_give_it(string line, BounceReason wrong)
    {
        Assert.NotEqual(wrong, Classify(line).Reason);
    }

    [Theory]
    // ---- a bare enhanced status with little or no wording: the status carries the reason
    [InlineData("550 5.1.1", "5.1.1", BounceReason.UserUnknown)]
    [InlineData("452 4.2.2 ", "4.2.2", BounceReason.MailboxFull)]
    [InlineData("550 5.1.2 ", "5.1.2", BounceReason.HostUnknown)]
    [InlineData("552 5.3.4 .", "5.3.4", BounceReason.MesgTooBig)]
    [InlineData("550 5.2.1", "5.2.1", BounceReason.Suspend)]
    [InlineData("552 5.2.3", "5.2.3", BounceReason.ExceedLimit)]
    [InlineData("452 4.3.1 .", "4.3.1", BounceReason.SystemFull)]
    [InlineData("550 5.7.26", "5.7.26", BounceReason.AuthFailure)]
    [InlineData("550 5.7.23 .", "5.7.23", BounceReason.AuthFailure)]
    [InlineData("550 5.7.25 .", "5.7.25", BounceReason.RequirePtr)]
    [InlineData("556 5.1.10", "5.1.10", BounceReason.NotAccept)]
    [InlineData("551 5.1.6", "5.1.6", BounceReason.HasMoved)]
    [InlineData("554 5.4.6", "5.4.6", BounceReason.NetworkError)]
    [InlineData("550 5.1.8", "5.1.8", BounceReason.Rejected)]
    [InlineData("501 5.1.7", "5.1.7", BounceReason.Rejected)]
    [InlineData("550 5.7.13", "5.7.13", BounceReason.Suspend)]
    [InlineData("554 5.6.0", "5.6.0", BounceReason.ContentError)]
    [InlineData("550 5.6.1 .", "5.6.1", BounceReason.ContentError)]
    [InlineData("500 5.5.1", "5.5.1", BounceReason.SyntaxError)]
    [InlineData("452 4.5.3", "4.5.3", BounceReason.TooManyConn)]
    [InlineData("451 4.3.0", "4.3.0", BounceReason.SystemError)]
    [InlineData("553 5.1.3", "5.1.3", BounceReason.UserUnknown)]
    [InlineData("554 5.4.7", "5.4.7", BounceReason.Expired)]
    // ---- numeric reply codes with RFC 5321's generic words
    [InlineData("550 Requested action not taken: mailbox unavailable", null, BounceReason.UserUnknown)]
    [InlineData("552 Requested mail action aborted: exceeded storage allocation", null, BounceReason.MailboxFull)]
    [InlineData("452 Requested action not taken: insufficient system storage", null, BounceReason.SystemFull)]
    [InlineData("451 Requested action aborted: local error in processing", null, BounceReason.SystemError)]
    [InlineData("500 Syntax error, command unrecognized", null, BounceReason.SyntaxError)]
    [InlineData("501 Syntax error in parameters or arguments", null, BounceReason.SyntaxError)]
    [InlineData("503 Bad sequence of commands", null, BounceReason.SyntaxError)]
    [InlineData("504 Command parameter not implemented", null, BounceReason.SyntaxError)]
    [InlineData("452 Too many recipients", null, BounceReason.TooManyConn)]
    [InlineData("556 Domain does not accept mail", null, BounceReason.NotAccept)]
    [InlineData("552 Message size exceeds fixed maximum message size", null, BounceReason.MesgTooBig)]
    [InlineData("530 Authentication required", null, BounceReason.SecurityError)]
    // ---- multi-line replies (the continuation lines keep their code)
    [InlineData("550-5.1.1 The email account that you tried to reach does not exist. Please try\n550-5.1.1 double-checking the recipient's email address for typos or\n550-5.1.1 unnecessary spaces. For more information, go to\n550 5.1.1  https://support.google.com/mail/?p=NoSuchUser a1b2c3si123.4 - gsmtp", "5.1.1", BounceReason.UserUnknown)]
    [InlineData("452-4.2.2 The recipient's inbox is out of storage space. Please direct\n452-4.2.2 the recipient to\n452 4.2.2  https://support.google.com/mail/?p=OverQuotaTemp a1b2c3si123.5 - gsmtp", "4.2.2", BounceReason.MailboxFull)]
    [InlineData("550-5.7.26 Unauthenticated email from example.test is not accepted due to\n550-5.7.26 domain's DMARC policy. Please contact the administrator of\n550 5.7.26 example.test domain if this was a legitimate mail.", "5.7.26", BounceReason.AuthFailure)]
    [InlineData("550-5.7.1 [192.0.2.10] Our system has detected that this message is\n550-5.7.1 not RFC 5322 compliant:\n550 5.7.1 'From' header is missing.", "5.7.1", BounceReason.NotCompliantRfc)]
    [InlineData("550-Verification failed for <news@example.test>\n550-Unrouteable address\n550 Sender verify failed", null, BounceReason.Rejected)]
    [InlineData("554-mx.example.com\n554-Your access to this mail system has been rejected due to the sending MTA's poor reputation.\n554 Please contact the intended recipient via alternate means.", null, BounceReason.BadReputation)]
    [InlineData("550-5.1.1 <ann@example.com>: Recipient address rejected:\n550 5.1.1 User unknown in virtual alias table", "5.1.1", BounceReason.UserUnknown)]
    [InlineData("421-4.7.0 mx.example.com Error: too many connections\n421 4.7.0 from 192.0.2.10", "4.7.0", BounceReason.TooManyConn)]
    [InlineData("452-4.5.3 Your message has too many recipients. For more information regarding\n452 4.5.3 Google's sending limits, go to https://support.google.com/mail/?p=TooManyRecipientsError", "4.5.3", BounceReason.TooManyConn)]
    [InlineData("550-5.7.1 The user or domain that you are sending to (or from) has a policy that\n550-5.7.1 prohibited the mail that you sent. Please contact your domain\n550 5.7.1 administrator for further details.", "5.7.1", BounceReason.PolicyViolation)]
    public void A_reply_that_is_mostly_codes_gets_the_reason_of_its_codes(string line, string? status, BounceReason want)
    {
        Assert.Equal(want, Classify(line, status).Reason);
    }

    [Theory]
    [InlineData("550 5.1.1", BounceReason.UserUnknown)]
    [InlineData("452 4.2.2 ", BounceReason.MailboxFull)]
    [InlineData("550 5.1.2 ", BounceReason.HostUnknown)]
    [InlineData("552 5.3.4 .", BounceReason.MesgTooBig)]
    [InlineData("550 5.2.1", BounceReason.Suspend)]
    [InlineData("550 5.7.26", BounceReason.AuthFailure)]
    [InlineData("556 5.1.10", BounceReason.NotAccept)]
    [InlineData("550 5.1.8", BounceReason.Rejected)]
    [InlineData("550-5.1.1 The email account that you tried to reach does not exist.\n550 5.1.1 https://support.google.com/mail/?p=NoSuchUser", BounceReason.UserUnknown)]
    public void A_status_only_in_the_reply_text_still_decides(string line, BounceReason want)
    {
        // A report without a Status: field (a plain-text notice): the code in the reply is all there is.
        Assert.Equal(want, Classify(line).Reason);
    }

    // The remote hosts the replies come from: the provider catalog decides the codes it knows.
    private const string Microsoft365 = "shop-example.mail.protection.outlook.com";
    private const string Yahoo = "mta6.am0.yahoodns.net";
    private const string TOnline = "mx00.t-online.de";

    [Theory]
    // Yahoo's bracketed codes
    [InlineData("553 5.7.2 [PH01] Email not accepted for policy reasons. Please visit https://postmaster.yahooinc.com/error-codes", "5.7.2", BounceReason.PolicyViolation, false, Yahoo)]
    [InlineData("421 4.7.0 [GL01] Message from (192.0.2.10) temporarily deferred - 4.16.50. Please refer to https://postmaster.yahooinc.com/error-codes", "4.7.0", BounceReason.BadReputation, false, Yahoo)]
    [InlineData("421 4.7.0 [TS02] Messages from 192.0.2.10 temporarily deferred due to user complaints - 4.16.56.1; see https://postmaster.yahooinc.com/error-codes", "4.7.0", BounceReason.BadReputation, false, Yahoo)]
    [InlineData("553 5.7.1 [BL23] Connections not accepted from IP addresses on Spamhaus XBL; see https://postmaster.yahooinc.com/error-codes", "5.7.1", BounceReason.Blocked, false, Yahoo)]
    // T-Online's bracketed codes
    [InlineData("554 IP=192.0.2.10 - A problem occurred. (Ask your postmaster for help or to contact tosa@rx.t-online.de to clarify.) (DIAL)", "5.7.1", BounceReason.Blocked, false, TOnline)]
    // Microsoft 365's NDR sub-codes ("sender not authenticated" for a group, mailbox or mail user: securityerror, as the
    // reference corpus has RESOLVER.RST.AuthRequired; "not in the allowed senders list": filtered)
    [InlineData("550 5.7.124 RESOLVER.RST.SenderNotAllowed; sender not in allowed-senders list", "5.7.124", BounceReason.Filtered, false, Microsoft365)]
    [InlineData("550 5.7.134 RESOLVER.RST.SenderNotAuthenticatedForMailbox; authentication required; Delivery restriction check failed because the sender was not authenticated when sending to this mailbox", "5.7.134", BounceReason.SecurityError, false, Microsoft365)]
    [InlineData("550 5.7.136 RESOLVER.RST.SenderNotAuthenticatedForMailUser; authentication required; Delivery restriction check failed because the sender was not authenticated when sending to this mail user", "5.7.136", BounceReason.SecurityError, false, Microsoft365)]
    [InlineData("550 5.1.90 Your message can't be sent because you've reached your daily limit for message recipients.", "5.1.90", BounceReason.Speeding, false, Microsoft365)]
    [InlineData("550 5.4.300 Message expired", "5.4.300", BounceReason.Expired, false, Microsoft365)]
    [InlineData("550 5.7.321 starttls-not-supported: Destination mail server must support TLS to receive mail", "5.7.321", BounceReason.SecurityError, false, Microsoft365)]
    [InlineData("550 5.4.316 Message expired, connection refused (Socket error code 10061)", "5.4.316", BounceReason.Expired, false, Microsoft365)]
    public void A_providers_sub_code_gets_the_reason_its_catalog_entry_gives(string diagnostic, string status, BounceReason want, bool hard, string remoteMta)
    {
        var result = Assert.Single(BounceFixtures.Parse(BounceFixtures.OneRecipientReport(status, diagnostic, remoteMta)).Results);
        Assert.Equal(want, result.Reason);
        Assert.Equal(hard, result.HardBounce);
    }
}
