using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using MimeKit;
using SafeguardingPortal.Tests.Infrastructure;
using SafeguardingPortal.Tests.Infrastructure.Email;

namespace SafeguardingPortal.Tests.EndToEnd;

/// <summary>
/// For journeys that follow e-mailed links: a portal on a real loopback port that sends to the test SMTP
/// listener, the links in its messages, and the parent's phone.
/// </summary>
public static class EmailedLinkPortal
{
    /// <summary>
    /// Links in e-mails are built from Portal:PublicBaseUrl, which the portal reads from configuration when
    /// it starts; the factory's own loopback port is only known after it has started. So a free loopback
    /// port is taken first, Kestrel listens on it and the portal is given that address: the parent's browser
    /// then opens exactly the link the portal wrote, host and all, rather than a link the test rewrote. (The
    /// port is free when asked for; another process taking it before Kestrel binds would fail the start loudly.)
    /// </summary>
    public static (PortalAppFactory Portal, string BaseUrl) Start(SmtpTestServer smtp, bool deliverInBackground)
    {
        ArgumentNullException.ThrowIfNull(smtp);
        var port = FreeLoopbackPort();
        var baseUrl = $"http://127.0.0.1:{port}";
        var portal = new PortalAppFactory(
            new Dictionary<string, string?>
            {
                ["Email:Smtp:Host"] = "127.0.0.1",
                ["Email:Smtp:Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
                ["Email:Smtp:Security"] = "None",
                ["Email:DeliverInBackground"] = deliverInBackground ? "true" : "false",
                ["Portal:PublicBaseUrl"] = baseUrl,
                ["Consent:PublicRequestsPerMinute"] = "100000",
            },
            realServer: true);
        portal.UseKestrel(options => options.Listen(IPAddress.Loopback, port));
        Assert.Equal(baseUrl, portal.ServerAddress.ToString().TrimEnd('/'));
        return (portal, baseUrl);
    }

    /// <summary>The link of a kind (l: signing, w: withdrawal) in a message's text body, exactly as the portal wrote it.</summary>
    public static string LinkIn(MimeMessage message, string baseUrl, string kind)
    {
        ArgumentNullException.ThrowIfNull(message);
        var match = Regex.Match(message.TextBody ?? "", $@"{Regex.Escape(baseUrl)}/consent/{kind}/[A-Za-z0-9_-]{{43}}");
        Assert.True(match.Success, $"No {baseUrl}/consent/{kind}/ link in: {message.TextBody}");
        return match.Value;
    }

    /// <summary>A phone-sized, touch-capable browser: the parent's, with no portal account.</summary>
    public static Task<IBrowserContext> NewPhoneContextAsync(this BrowserFixture browser)
    {
        ArgumentNullException.ThrowIfNull(browser);
        return browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = "en-GB",
            TimezoneId = "Europe/London",
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            DeviceScaleFactor = 2,
            IsMobile = true,
            HasTouch = true,
        });
    }

    /// <summary>Runs a part of a journey on the phone; on failure keeps a screenshot of the phone's page too.</summary>
    public static async Task OnPhoneAsync(IPage phone, string journey, string step, Func<Task> part)
    {
        ArgumentNullException.ThrowIfNull(phone);
        ArgumentNullException.ThrowIfNull(part);
        try
        {
            await part();
        }
        catch
        {
            Directory.CreateDirectory(BrowserFixture.ArtefactsDirectory);
            var file = Path.Combine(BrowserFixture.ArtefactsDirectory, $"{journey}-phone-{step}-{DateTime.UtcNow:yyyyMMdd-HHmmss}.png");
            await phone.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
            Console.Error.WriteLine($"Screenshot of the phone when the journey failed: {file}");
            throw;
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
