using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using Minxin.Domain.Oversight;
using Minxin.Web.Platform;

namespace Minxin.Web.Workspace.Reminders;

/// <summary>A person a reminder goes to by mail.</summary>
public sealed record MailRecipient(int UserId, string Name, string Address);

/// <summary>
/// Sends a reminder by mail (MailKit over SMTP), one message per recipient. A failure is logged with user ids only
/// and costs only the mail: the in-app notice was saved before.
/// </summary>
public sealed class ReminderMailer(IOptions<SmtpOptions> smtp, IOptions<MinxinOptions> site, ILogger<ReminderMailer> logger)
{
    public bool IsConfigured => smtp.Value.IsConfigured;

    /// <summary>How many of the messages the server accepted.</summary>
    public async Task<int> SendAsync(Reminder reminder, IReadOnlyList<MailRecipient> recipients, CancellationToken cancellationToken)
    {
        if (!IsConfigured || recipients.Count == 0)
        {
            return 0;
        }
        var options = smtp.Value;
        var sent = 0;
        try
        {
            using var client = new SmtpClient();
            var security = !options.UseTls ? SecureSocketOptions.None
                : options.Port == 465 ? SecureSocketOptions.SslOnConnect
                : SecureSocketOptions.StartTls;
            await client.ConnectAsync(options.Host!, options.Port, security, cancellationToken);
            if (!string.IsNullOrEmpty(options.UserName))
            {
                await client.AuthenticateAsync(options.UserName, options.Password ?? "", cancellationToken);
            }
            foreach (var recipient in recipients)
            {
                try
                {
                    await client.SendAsync(Message(reminder, recipient), cancellationToken);
                    sent++;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // Not the exception itself: a refused recipient's message names the address.
                    logger.LogWarning("Reminder {Key}: mail to user {UserId} not sent ({Error})", reminder.Key, recipient.UserId,
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
            logger.LogWarning("Reminder {Key}: mail server {Host}:{Port} failed after {Sent} of {Count} mails ({Error}: {Message})",
                reminder.Key, options.Host, options.Port, sent, recipients.Count, e.GetType().Name, e is SmtpCommandException ? "" : e.Message);
        }
        return sent;
    }

    private MimeMessage Message(Reminder reminder, MailRecipient recipient)
    {
        var message = new MimeMessage { Subject = reminder.Subject };
        message.From.Add(MailboxAddress.Parse(smtp.Value.From!));
        message.To.Add(new MailboxAddress(recipient.Name, recipient.Address));
        message.Body = new TextPart("plain") { Text = Body(reminder, site.Value.PublicBaseUrl) + "\n\n（本邮件由民心工程工作台自动发送，请勿直接回复。）" };
        return message;
    }

    /// <summary>The reminder's text with its workspace path made absolute, when the site's address is configured.</summary>
    public static string Body(Reminder reminder, string? publicBaseUrl) => string.IsNullOrWhiteSpace(publicBaseUrl)
        ? reminder.Body
        : reminder.Body.Replace(reminder.Link, publicBaseUrl.TrimEnd('/') + reminder.Link, StringComparison.Ordinal);
}
