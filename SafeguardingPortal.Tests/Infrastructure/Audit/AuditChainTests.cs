using SafeguardingPortal.Infrastructure.Audit;

namespace SafeguardingPortal.Tests.Infrastructure.Audit;

public sealed class AuditChainTests
{
    private static AuditEvent Sample() => new()
    {
        Sequence = 7,
        OccurredAtUtc = new DateTimeOffset(2026, 11, 25, 9, 30, 0, TimeSpan.Zero),
        ActorKind = AuditActorKind.User,
        ActorKey = "user-1",
        ActorName = "jo@example.org",
        IpAddress = "192.0.2.10",
        Action = "Updated",
        EntityType = "OrganisationSettings",
        EntityKey = "1",
        Summary = "Updated OrganisationSettings 1",
        Changes = AuditChain.SerializeChanges([new FieldChange("Name", "Old Club", "New Club")]),
    };

    [Fact]
    public void Sealing_links_an_event_to_the_one_before_it()
    {
        var first = Sample();
        AuditChain.Seal(first, 0, AuditChain.GenesisHash);
        var second = Sample();
        AuditChain.Seal(second, first.Sequence, first.Hash);

        Assert.Equal(1, first.Sequence);
        Assert.Equal(AuditChain.GenesisHash, first.PreviousHash);
        Assert.Equal(2, second.Sequence);
        Assert.Equal(first.Hash, second.PreviousHash);
        Assert.Matches("^[0-9a-f]{64}$", second.Hash);
        Assert.NotEqual(first.Hash, second.Hash);
    }

    public static TheoryData<string> Tamperings() =>
    [
        "sequence", "time", "actorKind", "actorKey", "action", "entityType", "entityKey", "previousHash",
    ];

    [Theory]
    [MemberData(nameof(Tamperings))]
    public void Changing_any_header_field_changes_the_hash(string field)
    {
        var e = Sample();
        AuditChain.Seal(e, 6, AuditChain.GenesisHash);
        var original = e.Hash;

        switch (field)
        {
            case "sequence": e.Sequence++; break;
            case "time": e.OccurredAtUtc = e.OccurredAtUtc.AddTicks(1); break;
            case "actorKind": e.ActorKind = AuditActorKind.System; break;
            case "actorKey": e.ActorKey = "user-2"; break;
            case "action": e.Action = "Deleted"; break;
            case "entityType": e.EntityType = "PortalUser"; break;
            case "entityKey": e.EntityKey = "2"; break;
            case "previousHash": e.PreviousHash = new string('1', 64); break;
        }

        Assert.NotEqual(original, AuditChain.ComputeHash(e));
    }

    [Fact]
    public void The_chain_covers_recorded_values_only_through_their_digest()
    {
        var e = Sample();
        AuditChain.Seal(e, 0, AuditChain.GenesisHash);
        var digest = e.ContentDigest;

        e.Changes = AuditChain.SerializeChanges([new FieldChange("Name", "Old Club", "Tampered Club")]);

        // The values no longer match their digest, but the link itself still checks out:
        // values can be erased later (keeping the digest) without breaking the chain.
        Assert.NotEqual(digest, AuditChain.ComputeContentDigest(e));
        Assert.Equal(e.Hash, AuditChain.ComputeHash(e));
    }

    [Fact]
    public void Values_cannot_be_shifted_between_fields_to_forge_the_same_digest()
    {
        var a = Sample();
        a.ActorName = "jo";
        a.IpAddress = "x\nsummary:3:abc";
        var b = Sample();
        b.ActorName = "jo\nipAddress:1:x";
        b.IpAddress = "summary:3:abc";

        Assert.NotEqual(AuditChain.ComputeContentDigest(a), AuditChain.ComputeContentDigest(b));
    }

    [Fact]
    public void Values_are_formatted_the_same_on_every_machine()
    {
        Assert.Equal("2026-11-25T09:30:00.0000000+00:00", AuditChain.FormatValue(new DateTimeOffset(2026, 11, 25, 9, 30, 0, TimeSpan.Zero)));
        Assert.Equal("2026-11-25", AuditChain.FormatValue(new DateOnly(2026, 11, 25)));
        Assert.Equal("1234.5", AuditChain.FormatValue(1234.5m));
        Assert.Equal("true", AuditChain.FormatValue(true));
        Assert.Null(AuditChain.FormatValue(null));
    }

    [Fact]
    public void Changes_round_trip_through_their_canonical_json()
    {
        FieldChange[] changes = [new("Name", "Ann \"Nan\" Smith", null), new("Notes", null, null, Sensitive: true)];

        var json = AuditChain.SerializeChanges(changes);

        Assert.Equal(changes, AuditChain.DeserializeChanges(json));
        Assert.Equal(json, AuditChain.SerializeChanges(AuditChain.DeserializeChanges(json)));
    }

    [Theory]
    [InlineData("line one\nSequence,forged", "line one\\nSequence,forged")]
    [InlineData("tab\there\r", "tab\\there\\r")]
    [InlineData("bell\u0007", "bell\\u0007")]
    public void Control_characters_are_made_visible(string input, string expected)
    {
        Assert.Equal(expected, AuditText.Neutralise(input));
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"")]
    [InlineData("+44 20", "\"'+44 20\"")]
    [InlineData("@sum", "\"'@sum\"")]
    [InlineData("plain, text", "\"plain, text\"")]
    public void Csv_cells_are_quoted_and_formulas_defused(string input, string expected)
    {
        Assert.Equal(expected, AuditText.CsvCell(input));
    }
}
