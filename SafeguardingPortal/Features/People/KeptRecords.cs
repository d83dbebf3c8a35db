using Microsoft.EntityFrameworkCore;
using SafeguardingPortal.Features.Consent;
using SafeguardingPortal.Features.Recordings;
using SafeguardingPortal.Infrastructure.Data;

namespace SafeguardingPortal.Features.People;

/// <summary>
/// Records that name a child or a parent and must outlive any tidying of the register: consent asked
/// and given (the evidence), recordings they are in, and families' recording agreements. A person who
/// has any of them cannot be deleted.
/// </summary>
internal static class KeptRecords
{
    /// <summary>Why the child cannot be deleted, or null when nothing kept names them.</summary>
    public static async Task<string?> ForChildAsync(PortalDbContext db, int childId, string name, CancellationToken ct)
    {
        var kept = new List<string>();
        if (await db.Set<ConsentSignature>().AnyAsync(s => s.ChildId == childId, ct) || await db.Set<ConsentInvitation>().AnyAsync(i => i.ChildId == childId, ct))
        {
            kept.Add("consent records");
        }

        if (await db.Set<RecordingParticipant>().AnyAsync(p => p.ChildId == childId, ct))
        {
            kept.Add("recordings they are in");
        }

        if (await db.Set<FamilyRecordingAgreement>().AnyAsync(a => a.ChildId == childId, ct))
        {
            kept.Add("a family recording agreement");
        }

        return Describe(name, kept);
    }

    /// <summary>Why the parent or carer cannot be deleted, or null when nothing kept names them.</summary>
    public static async Task<string?> ForParentCarerAsync(PortalDbContext db, int parentCarerId, string name, CancellationToken ct)
    {
        var kept = new List<string>();
        if (await db.Set<ConsentSignature>().AnyAsync(s => s.ParentCarerId == parentCarerId, ct) || await db.Set<ConsentInvitation>().AnyAsync(i => i.ParentCarerId == parentCarerId, ct))
        {
            kept.Add("consent records");
        }

        if (await db.Set<FamilyRecordingAgreement>().AnyAsync(a => a.ParentCarerId == parentCarerId, ct))
        {
            kept.Add("a family recording agreement");
        }

        return Describe(name, kept);
    }

    /// <summary>Why the member of staff cannot be deleted, or null when nothing kept names them.</summary>
    public static async Task<string?> ForStaffAsync(PortalDbContext db, int staffMemberId, string name, CancellationToken ct)
    {
        var kept = new List<string>();
        if (await db.Set<ConsentSignature>().AnyAsync(s => s.StaffMemberId == staffMemberId, ct) || await db.Set<ConsentInvitation>().AnyAsync(i => i.StaffMemberId == staffMemberId, ct))
        {
            kept.Add("consent records");
        }

        if (await db.Set<RecordingParticipant>().AnyAsync(p => p.StaffMemberId == staffMemberId, ct) || await db.Set<Recording>().AnyAsync(r => r.MadeByStaffMemberId == staffMemberId, ct))
        {
            kept.Add("recordings");
        }

        if (await db.Set<SocialAccounts.SocialAccount>().AnyAsync(a => a.ResponsibleStaffMemberId == staffMemberId, ct)
            || await db.Set<SocialAccounts.SocialAccountAccess>().AnyAsync(a => a.StaffMemberId == staffMemberId, ct)
            || await db.Set<SocialAccounts.AccountDeclaration>().AnyAsync(a => a.StaffMemberId == staffMemberId, ct))
        {
            kept.Add("the social-media account register (responsible, access or yearly declarations)");
        }

        if (await db.Set<RecordingPolicyAccessPerson>().AnyAsync(a => a.StaffMemberId == staffMemberId, ct))
        {
            kept.Add("a recording policy (as someone who may see recordings)");
        }

        return Describe(name, kept);
    }

    private static string? Describe(string name, List<string> kept) => kept.Count == 0
        ? null
        : $"{name} is named in {string.Join(" and ", kept)}, which the portal keeps as evidence, so they cannot be deleted.";
}
