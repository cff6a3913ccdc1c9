using System.Text.Json;
using Pace.Activities;
using Pace.Applicants;

namespace Pace.Core.Tests.Activities;

public sealed class ApplicantEventsTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 4, 6, 0, 0, TimeSpan.Zero);
    private static readonly Guid Agent = Guid.Parse("0195f0a0-0000-7000-8000-0000000000aa");
    private static readonly Guid Listing = Guid.Parse("0195f0a0-0000-7000-8000-0000000000bb");
    private static readonly Guid Viewing = Guid.Parse("0195f0a0-0000-7000-8000-0000000000cc");

    /// <summary>A viewing completed ten minutes ago: what moves the applicant.</summary>
    private static Activity Cause() => new()
    {
        Kind = ActivityKind.Viewing, UserId = Agent, ListingId = Listing, ViewingId = Viewing, OccurredAt = Now.AddMinutes(-10),
    };

    [Fact]
    public void Moving_forward_records_a_stage_change_entry_linked_to_its_cause_and_marks_the_applicant_in_touch()
    {
        var applicant = new Applicant { FirstName = "Layla", Stage = ApplicantStage.Qualified };

        var entry = ApplicantEvents.Advance(applicant, ApplicantStage.Viewing, Cause(), Now);

        Assert.Equal(ApplicantStage.Viewing, applicant.Stage);
        Assert.Equal(Now, applicant.StageChangedAt);
        Assert.Equal(Now.AddMinutes(-10), applicant.LastActivityAt);
        Assert.NotNull(entry);
        Assert.Equal(ActivityKind.StageChange, entry.Kind);
        Assert.Equal(applicant.Id, entry.ApplicantId);
        Assert.Equal((Agent, Listing, Viewing), (entry.UserId!.Value, entry.ListingId!.Value, entry.ViewingId!.Value));
        Assert.Equal(Now, entry.OccurredAt);
        Assert.Equal("Stage: Qualified → Viewing", entry.Subject);
        using var data = JsonDocument.Parse(entry.Data!);
        Assert.Equal("qualified", data.RootElement.GetProperty("from").GetString());
        Assert.Equal("viewing", data.RootElement.GetProperty("to").GetString());
        Assert.False(data.RootElement.TryGetProperty("reason", out _));
    }

    [Theory]
    [InlineData(ApplicantStage.Offer)]
    [InlineData(ApplicantStage.Viewing)]
    [InlineData(ApplicantStage.Won)]
    [InlineData(ApplicantStage.Lost)]
    public void An_event_never_moves_an_applicant_back_or_out_of_a_closed_stage(ApplicantStage stage)
    {
        var applicant = new Applicant { FirstName = "Layla", Stage = stage, LostReason = stage == ApplicantStage.Lost ? "budget" : null };

        Assert.Null(ApplicantEvents.Advance(applicant, ApplicantStage.Viewing, Cause(), Now));
        Assert.Equal(stage, applicant.Stage);
        Assert.NotNull(applicant.LastActivityAt);
    }

    [Fact]
    public void A_closed_deal_moves_the_applicant_to_won_from_anywhere()
    {
        var applicant = new Applicant { FirstName = "Layla", Stage = ApplicantStage.Viewing };

        var entry = ApplicantEvents.Move(applicant, ApplicantStage.Won, Cause(), Now);

        Assert.Equal(ApplicantStage.Won, applicant.Stage);
        Assert.Equal("Stage: Viewing → Won", entry!.Subject);
        Assert.Null(ApplicantEvents.Move(applicant, ApplicantStage.Won, Cause(), Now));
    }

    [Theory]
    [InlineData(ActivityKind.Call, Direction.Outbound, true)]
    [InlineData(ActivityKind.Email, Direction.Outbound, true)]
    [InlineData(ActivityKind.WhatsApp, Direction.Outbound, true)]
    [InlineData(ActivityKind.Call, Direction.Inbound, false)]
    [InlineData(ActivityKind.WhatsApp, Direction.Inbound, false)]
    [InlineData(ActivityKind.Sms, Direction.Outbound, false)]
    [InlineData(ActivityKind.Note, null, false)]
    public void Reaching_out_by_call_email_or_WhatsApp_counts_as_contact(ActivityKind kind, Direction? direction, bool counts) =>
        Assert.Equal(counts, ApplicantEvents.CountsAsContact(kind, direction));

    [Fact]
    public void The_last_activity_only_moves_forward()
    {
        var applicant = new Applicant { FirstName = "Layla" };

        ApplicantEvents.Touch(applicant, Now);
        ApplicantEvents.Touch(applicant, Now.AddHours(-1));

        Assert.Equal(Now, applicant.LastActivityAt);
    }
}
