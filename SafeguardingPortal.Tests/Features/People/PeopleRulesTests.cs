using SafeguardingPortal.Features.Activities;
using SafeguardingPortal.Features.Children;
using SafeguardingPortal.Features.Families;
using SafeguardingPortal.Features.People;
using SafeguardingPortal.Features.Staff;

namespace SafeguardingPortal.Tests.Features.People;

public sealed class PeopleRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 25);

    [Theory]
    [InlineData("2016-11-25", 10)]
    [InlineData("2016-11-26", 9)]
    [InlineData("2016-11-24", 10)]
    [InlineData("2012-02-29", 14)]
    public void Age_is_counted_in_whole_years_on_the_day(string dateOfBirth, int expected)
    {
        Assert.Equal(expected, UkCalendar.AgeOn(DateOnly.Parse(dateOfBirth, System.Globalization.CultureInfo.InvariantCulture), Today));
    }

    [Fact]
    public void Someone_born_on_29_February_is_a_year_older_on_1_March_in_other_years()
    {
        var leapling = new DateOnly(2012, 2, 29);

        Assert.Equal(14, UkCalendar.AgeOn(leapling, new DateOnly(2027, 2, 28)));
        Assert.Equal(15, UkCalendar.AgeOn(leapling, new DateOnly(2027, 3, 1)));
    }

    [Fact]
    public void Today_is_londons_today_not_the_servers()
    {
        // 23:30 UTC on 30 June is already 1 July in London (BST).
        var clock = new SafeguardingPortal.Infrastructure.PortalClock(new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 6, 30, 23, 30, 0, TimeSpan.Zero)));

        Assert.Equal(new DateOnly(2026, 7, 1), clock.Today());
    }

    [Fact]
    public void A_complete_child_is_valid()
    {
        var child = new ChildModel { FirstName = "Amelia", LastName = "Jones", DateOfBirth = new DateOnly(2014, 5, 1), Email = "amelia@example.org" };

        Assert.Empty(ChildService.Validate(child, Today));
    }

    [Theory]
    [InlineData("", "Jones", "2014-05-01", "FirstName", "Enter the child's first name.")]
    [InlineData("Amelia", " ", "2014-05-01", "LastName", "Enter the child's last name.")]
    [InlineData("Amelia", "Jones", "2026-11-26", "DateOfBirth", "The date of birth cannot be in the future.")]
    [InlineData("Amelia", "Jones", "1960-05-01", "DateOfBirth", "That would make the child 66. Check the year: the register is for children and young people up to 25.")]
    public void A_child_with_a_mistake_is_told_what_to_fix(string first, string last, string dob, string field, string message)
    {
        var child = new ChildModel { FirstName = first, LastName = last, DateOfBirth = DateOnly.Parse(dob, System.Globalization.CultureInfo.InvariantCulture) };

        Assert.Equal(message, ChildService.Validate(child, Today)[field]);
    }

    [Fact]
    public void A_parent_must_be_reachable_the_way_they_prefer()
    {
        var noContact = ParentCarerService.Validate(new ParentCarerModel { FirstName = "Sam", LastName = "Okafor" });
        var prefersText = ParentCarerService.Validate(new ParentCarerModel { FirstName = "Sam", LastName = "Okafor", Email = "sam@example.org", PreferredContact = PreferredContact.Text });
        var fine = ParentCarerService.Validate(new ParentCarerModel { FirstName = "Sam", LastName = "Okafor", Phone = "07700 900123", PreferredContact = PreferredContact.Phone });

        Assert.StartsWith("Enter an e-mail address or a telephone number", noContact["Email"], StringComparison.Ordinal);
        Assert.StartsWith("Their preferred contact is by phone or text", prefersText["Phone"], StringComparison.Ordinal);
        Assert.Empty(fine);
    }

    [Fact]
    public void An_activity_needs_its_texts_a_sensible_age_range_and_dates_in_order()
    {
        var errors = ActivityService.Validate(new ActivityModel
        {
            Title = "Coding club",
            PlatformId = 1,
            LeadStaffMemberId = 1,
            MinimumAge = 14,
            MaximumAge = 11,
            StartDate = new DateOnly(2026, 9, 1),
            EndDate = new DateOnly(2026, 8, 1),
            Description = "Weekly coding",
            WhyOnline = "",
            Benefits = "Skills",
            Risks = "Contact",
        });

        Assert.Equal("The oldest age must be the same as or above the youngest.", errors[nameof(ActivityModel.MaximumAge)]);
        Assert.Equal("The end date must be on or after the start date.", errors[nameof(ActivityModel.EndDate)]);
        Assert.StartsWith("Describe why it needs to happen online", errors[nameof(ActivityModel.WhyOnline)], StringComparison.Ordinal);
        Assert.Equal(3, errors.Count);
    }

    [Theory]
    [InlineData(12, 11, 16, 12, 0)]
    [InlineData(10, 11, 16, 0, 1)]
    [InlineData(12, 11, 16, 13, 1)]
    [InlineData(10, 11, 16, 13, 2)]
    public void Children_outside_the_age_range_or_below_the_platform_age_are_warned_about(int age, int min, int max, int platformAge, int warnings)
    {
        Assert.Equal(warnings, ActivityService.WarningsFor(age, min, max, "Google Meet", platformAge).Count);
    }

    [Theory]
    [InlineData(null, null, CheckStatus.Missing)]
    [InlineData("2023-01-10", "2026-01-10", CheckStatus.Overdue)]
    [InlineData("2023-12-01", "2026-12-10", CheckStatus.DueSoon)]
    [InlineData("2025-01-10", "2028-01-10", CheckStatus.Current)]
    public void Safer_recruitment_checks_are_flagged_when_missing_overdue_or_due_soon(string? done, string? due, CheckStatus expected)
    {
        static DateOnly? D(string? s) => s is null ? null : DateOnly.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(expected, StaffService.StatusOf(D(done), D(due), Today));
    }

    [Fact]
    public void A_check_needs_its_renewal_date_so_it_can_be_flagged_in_time()
    {
        var errors = StaffService.Validate(new StaffModel { FirstName = "Dee", LastName = "Bee", WorkEmail = "dee@example.org", CheckKind = "Enhanced DBS", CheckDate = new DateOnly(2025, 1, 1) });

        Assert.Equal("Enter when the check is due for renewal, so the register can flag it in time.", errors[nameof(StaffModel.CheckRenewalDue)]);
    }

    [Theory]
    [InlineData("001234567788", "••••••••7788")]
    [InlineData("AB12", "••••AB12")]
    [InlineData("", "")]
    public void Check_references_show_only_their_last_four_characters(string reference, string masked)
    {
        Assert.Equal(masked, StaffService.Mask(reference));
    }
}
