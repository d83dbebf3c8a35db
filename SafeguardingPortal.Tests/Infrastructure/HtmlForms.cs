using System.Net;
using System.Text.RegularExpressions;

namespace SafeguardingPortal.Tests.Infrastructure;

/// <summary>Posts the portal's static forms as a browser would: with the antiforgery token the page rendered.</summary>
public static partial class HtmlForms
{
    public static async Task<HttpResponseMessage> PostFormAsync(
        this HttpClient client, string pageUrl, string formName, IDictionary<string, string> fields, string? actionUrl = null)
    {
        var page = await client.GetAsync(pageUrl);
        Assert.True(page.StatusCode == HttpStatusCode.OK, $"GET {pageUrl} answered {(int)page.StatusCode} {page.RedirectTarget()}");
        var html = await page.Content.ReadAsStringAsync();
        var token = AntiforgeryToken().Match(html);
        Assert.True(token.Success, $"The page {pageUrl} has no antiforgery token.");

        var body = new Dictionary<string, string>(fields)
        {
            ["_handler"] = formName,
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
        };
        return await client.PostAsync(actionUrl ?? pageUrl, new FormUrlEncodedContent(body));
    }

    public static async Task<HttpResponseMessage> SignInAsync(this HttpClient client, string email, string password = PortalAppFactory.TestPassword)
    {
        var response = await client.PostFormAsync("/Account/Login", "login", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
        return response;
    }

    /// <summary>The path and query a redirect leads to, whether the server wrote it absolute or relative.</summary>
    public static string? RedirectTarget(this HttpResponseMessage response)
    {
        var location = response.Headers.Location;
        if (location is null)
        {
            return null;
        }

        return location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
