using MailKit.Security;

namespace SafeguardingPortal.Infrastructure.Email;

/// <summary>
/// The "Email" section: who the portal's e-mail comes from, and the SMTP server that sends it.
/// Without an SMTP host the portal writes every message to the outbox folder instead.
/// </summary>
public sealed class EmailOptions
{
    public const string Section = "Email";

    public string FromAddress { get; set; } = "safeguarding-portal@localhost";

    public string FromName { get; set; } = "Safeguarding portal";

    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>True when an SMTP host is set: mail is sent, and the outbox folder is not in use.</summary>
    public bool IsSmtpConfigured => !string.IsNullOrWhiteSpace(Smtp.Host);
}

/// <summary>The "Email:Smtp" section.</summary>
public sealed class SmtpOptions
{
    /// <summary>The server's name or address; empty means no SMTP server (the outbox folder is used).</summary>
    public string Host { get; set; } = "";

    public int Port { get; set; } = 587;

    public SmtpSecurity Security { get; set; } = SmtpSecurity.Auto;

    /// <summary>Sign in to the server only when set.</summary>
    public string? UserName { get; set; }

    public string? Password { get; set; }

    public int TimeoutSeconds { get; set; } = 30;
}

/// <summary>How the connection to the SMTP server is secured.</summary>
public enum SmtpSecurity
{
    /// <summary>TLS from the start on port 465; otherwise STARTTLS when the server offers it.</summary>
    Auto,

    /// <summary>STARTTLS, and refuse to send when the server does not offer it.</summary>
    StartTls,

    /// <summary>TLS from the start (usually port 465).</summary>
    SslOnConnect,

    /// <summary>No encryption (only for a relay on the same machine or network).</summary>
    None,
}

public static class SmtpSecurityExtensions
{
    public static SecureSocketOptions ToSecureSocketOptions(this SmtpSecurity security) => security switch
    {
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        SmtpSecurity.None => SecureSocketOptions.None,
        _ => SecureSocketOptions.Auto,
    };
}
