using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using Minxin.Web.Platform;
using Minxin.Web.Workspace.Reminders;

namespace Minxin.Web.Following;

/// <summary>A mail to one subscriber: its text, and its own unsubscribe link for the List-Unsubscribe header.</summary>
public sealed record SubscriberMail(int SubscriptionId, string Address, string Subject, string Body, string UnsubscribeUrl);

/// <summary>
/// Mails subscribers through the mail server reminders use (Minxin:Smtp). Every mail carries a one-click unsubscribe
/// link (RFC 8058 List-Unsubscribe and List-Unsubscribe-Post). Addresses are never logged: failures name the
/// subscription's id only.
/// </summary>
public sealed class SubscriptionMailer(IOptions<SmtpOptions> smtp, IOptions<MinxinOptions> site, ILogger<SubscriptionMailer> logger)
{
    /// <summary>
    /// E-mail subscriptions need the mail server and the site's public address: links in a mail must never be taken
    /// from a request's Host header, which anyone can set.
    /// </summary>
    public bool IsAvailable => smtp.Value.IsConfigured && !string.IsNullOrWhiteSpace(site.Value.PublicBaseUrl);

    public string BaseUrl => site.Value.PublicBaseUrl!.TrimEnd('/');

    /// <summary>The ids of the subscriptions whose mail the server accepted.</summary>
    public async Task<HashSet<int>> SendAsync(IReadOnlyList<SubscriberMail> mails, CancellationToken cancellationToken)
    {
        var sent = new HashSet<int>();
        if (!IsAvailable || mails.Count == 0)
        {
            return sent;
        }
        var options = smtp.Value;
        try
        {
            using var client = new SmtpClient { Timeout = 30_000 };
            var security = !options.UseTls ? SecureSocketOptions.None
                : options.Port == 465 ? SecureSocketOptions.SslOnConnect
                : SecureSocketOptions.StartTls;
            await client.ConnectAsync(options.Host!, options.Port, security, cancellationToken);
            if (!string.IsNullOrEmpty(options.UserName))
            {
                await client.AuthenticateAsync(options.UserName, options.Password ?? "", cancellationToken);
            }
            foreach (var mail in mails)
            {
                try
                {
                    await client.SendAsync(Message(mail), cancellationToken);
                    sent.Add(mail.SubscriptionId);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // Not the exception itself: a refused recipient's message names the address.
                    logger.LogWarning("Subscription {Id}: mail not sent ({Error})", mail.SubscriptionId,
                        e is SmtpCommandException command ? $"SMTP {(int)command.StatusCode}" : e.GetType().Name);
                    if (!client.IsConnected)
                    {
                        break;
                    }
                }
            }
            await client.DisconnectAsync(true, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning("Subscriptions: mail server {Host}:{Port} failed after {Sent} of {Count} mails ({Error})",
                options.Host, options.Port, sent.Count, mails.Count, e.GetType().Name);
        }
        return sent;
    }

    private MimeMessage Message(SubscriberMail mail)
    {
        var message = new MimeMessage { Subject = mail.Subject };
        message.From.Add(MailboxAddress.Parse(smtp.Value.From!));
        message.To.Add(MailboxAddress.Parse(mail.Address));
        message.Headers.Add("List-Unsubscribe", $"<{mail.UnsubscribeUrl}>");
        message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        // Bulk mail: no auto-replies, no vacation notices back to the sender.
        message.Headers.Add("Auto-Submitted", "auto-generated");
        message.Headers.Add("Precedence", "bulk");
        message.Body = new TextPart("plain")
        {
            Text = mail.Body + $"\n\n——\n退订：{mail.UnsubscribeUrl}\n（本邮件由{site.Value.SiteName}自动发送，请勿直接回复。您的邮箱只用于发送您订阅的更新，退订后即删除。）",
        };
        return message;
    }
}
