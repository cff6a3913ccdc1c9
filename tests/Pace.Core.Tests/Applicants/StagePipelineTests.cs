using Pace.Applicants;

namespace Pace.Core.Tests.Applicants;

public sealed class StagePipelineTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);

    private static Applicant At(ApplicantStage stage) => new() { FirstName = "Test", Stage = stage, StageChangedAt = Now.AddDays(-3) };

    [Theory]
    [InlineData(ApplicantStage.New, ApplicantStage.Viewing, true)]
    [InlineData(ApplicantStage.Offer, ApplicantStage.Viewing, false)]
    [InlineData(ApplicantStage.Viewing, ApplicantStage.Viewing, false)]
    [InlineData(ApplicantStage.Lost, ApplicantStage.Viewing, false)]
    [InlineData(ApplicantStage.Won, ApplicantStage.Offer, false)]
    [InlineData(ApplicantStage.Qualified, ApplicantStage.Lost, false)]
    public void Events_only_move_an_open_applicant_forward(ApplicantStage from, ApplicantStage to, bool moves)
    {
        var applicant = At(from);

        var previous = StagePipeline.AdvanceTo(applicant, to, Now);

        Assert.Equal(moves, previous is not null);
        Assert.Equal(moves ? to : from, applicant.Stage);
        Assert.Equal(moves ? Now : Now.AddDays(-3), applicant.StageChangedAt);
    }

    [Fact]
    public void Lost_needs_a_reason_and_leaving_lost_clears_it()
    {
        var applicant = At(ApplicantStage.Qualified);

        Assert.Throws<ArgumentException>(() => StagePipeline.MoveTo(applicant, ApplicantStage.Lost, " ", Now));
        Assert.Equal(ApplicantStage.Qualified, StagePipeline.MoveTo(applicant, ApplicantStage.Lost, "bought_elsewhere", Now));
        Assert.Equal("bought_elsewhere", applicant.LostReason);
        Assert.Equal(ApplicantStage.Lost, StagePipeline.MoveTo(applicant, ApplicantStage.Contacted, null, Now.AddDays(1)));
        Assert.Null(applicant.LostReason);
        Assert.Null(StagePipeline.MoveTo(applicant, ApplicantStage.Contacted, null, Now.AddDays(2)));
    }

    [Fact]
    public void The_first_move_past_new_is_the_first_contact()
    {
        var applicant = At(ApplicantStage.New);

        StagePipeline.MoveTo(applicant, ApplicantStage.Contacted, null, Now);
        StagePipeline.MoveTo(applicant, ApplicantStage.Qualified, null, Now.AddHours(1));

        Assert.Equal(Now, applicant.FirstContactedAt);
    }
}
