using System.Net;
using SafeguardingPortal.Hosting;

namespace SafeguardingPortal.Tests.Hosting;

/// <summary>Whose allowance a request uses: one IPv4 address, or one IPv6 /64 network.</summary>
public sealed class RateLimitBucketTests
{
    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    [InlineData("::1", "::/64")]
    public void Requests_are_counted_per_IPv4_address_and_per_IPv6_slash_64(string address, string bucket) =>
        Assert.Equal(bucket, SignInRateLimiting.AddressBucket(IPAddress.Parse(address)));

    [Fact]
    public void Two_addresses_of_one_IPv6_network_share_an_allowance_and_two_networks_do_not()
    {
        var first = SignInRateLimiting.AddressBucket(IPAddress.Parse("2001:db8:1:2::10"));
        Assert.Equal(first, SignInRateLimiting.AddressBucket(IPAddress.Parse("2001:db8:1:2:ffff::99")));
        Assert.NotEqual(first, SignInRateLimiting.AddressBucket(IPAddress.Parse("2001:db8:1:3::10")));
        Assert.Equal("unknown", SignInRateLimiting.AddressBucket(null));
    }
}
