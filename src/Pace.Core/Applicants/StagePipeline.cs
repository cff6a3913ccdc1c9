namespace Pace.Applicants;

/// <summary>
/// The sales pipeline an applicant moves along: New → Contacted → Qualified → Viewing → Offer → Won, or Lost with
/// a reason from any open stage. Events of the day (a first call, a completed viewing, an offer) only ever move an
/// applicant forward; an agent may move them anywhere, and a Lost one comes back by being moved explicitly.
/// </summary>
public static class StagePipeline
{
    /// <summary>Whether the stage is a closed end of the pipeline.</summary>
    public static bool IsClosed(ApplicantStage stage) => stage is ApplicantStage.Won or ApplicantStage.Lost;

    /// <summary>
    /// Moves the applicant to <paramref name="stage"/> when that is further along than where they are; a closed
    /// applicant (Won, Lost) stays where they are. Returns the stage they were in when they moved, or null.
    /// </summary>
    public static ApplicantStage? AdvanceTo(Applicant applicant, ApplicantStage stage, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(applicant);
        if (stage == ApplicantStage.Lost || IsClosed(applicant.Stage) || stage <= applicant.Stage)
        {
            return null;
        }

        return MoveTo(applicant, stage, lostReason: null, now);
    }

    /// <summary>
    /// Moves the applicant to any stage (an agent's decision). Lost needs a reason; leaving Lost clears it.
    /// Returns the previous stage, or null when the applicant was already there.
    /// </summary>
    public static ApplicantStage? MoveTo(Applicant applicant, ApplicantStage stage, string? lostReason, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(applicant);
        if (stage == ApplicantStage.Lost && string.IsNullOrWhiteSpace(lostReason))
        {
            throw new ArgumentException("A lost applicant needs a reason.", nameof(lostReason));
        }

        if (applicant.Stage == stage && applicant.LostReason == (stage == ApplicantStage.Lost ? lostReason : null))
        {
            return null;
        }

        var previous = applicant.Stage;
        applicant.Stage = stage;
        applicant.LostReason = stage == ApplicantStage.Lost ? lostReason : null;
        if (previous != stage)
        {
            applicant.StageChangedAt = now;
        }

        if (stage > ApplicantStage.New && stage != ApplicantStage.Lost && applicant.FirstContactedAt is null)
        {
            applicant.FirstContactedAt = now;
        }

        return previous;
    }
}
