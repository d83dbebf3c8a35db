using Microsoft.Extensions.Options;
using MimeKit;
using SafeguardingPortal.Infrastructure.Email;

namespace SafeguardingPortal.Hosting;

public static class PortalEmailExtensions
{
    /// <summary>
    /// E-mail: the "Email" options, the transport (the SMTP server when <c>Email:Smtp:Host</c> is set,
    /// otherwise the outbox folder in the data folder) and the outbox page's service.
    /// </summary>
    public static WebApplicationBuilder AddPortalEmail(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<EmailOptions>()
            .Bind(builder.Configuration.GetSection(EmailOptions.Section))
            .Validate(o => MailboxAddress.TryParse(o.FromAddress, out var from) && from.Address.Contains('@', StringComparison.Ordinal),
                "Email:FromAddress must be an e-mail address.")
            .Validate(o => o.Smtp.Port is > 0 and <= 65535, "Email:Smtp:Port must be between 1 and 65535.")
            .Validate(o => o.Smtp.TimeoutSeconds > 0, "Email:Smtp:TimeoutSeconds must be more than 0.")
            .Validate(o => Enum.IsDefined(o.Smtp.Security), "Email:Smtp:Security must be Auto, StartTls, SslOnConnect or None.")
            .ValidateOnStart();

        var dataDirectory = StorageOptions.ResolveDataDirectory(builder.Configuration, builder.Environment.ContentRootPath);
        services.AddSingleton(new OutboxFolder(Path.Combine(dataDirectory, OutboxFolder.FolderName)));

        // Chosen when first needed, from the options as bound (a test can change them).
        services.AddSingleton<SmtpEmailTransport>();
        services.AddSingleton<FileOutboxTransport>();
        services.AddSingleton<IEmailTransport>(sp => sp.GetRequiredService<IOptions<EmailOptions>>().Value.IsSmtpConfigured
            ? sp.GetRequiredService<SmtpEmailTransport>()
            : sp.GetRequiredService<FileOutboxTransport>());
        services.AddScoped<OutboxService>();
        return builder;
    }
}
