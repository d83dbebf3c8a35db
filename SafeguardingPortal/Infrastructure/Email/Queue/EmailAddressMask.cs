namespace SafeguardingPortal.Infrastructure.Email.Queue;

/// <summary>Shows enough of an address to recognise it in evidence and logs, not enough to harvest it.</summary>
public static class EmailAddressMask
{
    /// <summary>"jane.smith@example.org" → "j•••@example.org".</summary>
    public static string Mask(string? address)
    {
        if (string.IsNullOrWhiteSpace(address))
        {
            return "";
        }

        var at = address.LastIndexOf('@');
        return at <= 0 ? "•••" : $"{address[0]}•••{address[at..]}";
    }
}
