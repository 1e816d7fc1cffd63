#include "rules/agreements.hpp"

#include <algorithm>
#include <optional>

namespace mentorkit {

using namespace std::chrono;

bool AgreementVersion::signed_by(PersonId person) const noexcept {
    return std::any_of(signatures.begin(), signatures.end(),
                       [&](const Signature& s) { return s.person == person; });
}

AgreementTemplate agreement_template(const Relationship& r) {
    const ModelDefaults& d = defaults_of(r.model);
    const std::string guide(d.guide_role), learner(d.learner_role);
    const std::string cadence = std::to_string(d.default_cadence_days);
    AgreementTemplate t;
    t.terms.cadence_days = d.default_cadence_days;
    // A first review after a quarter of the usual length: 3 months for coaching, 6 otherwise.
    Date review = sys_days{year_month_day{r.start} + months{r.model == Model::coaching ? 3 : 6}};
    if (r.end && *r.end < review)
        review = *r.end;
    t.terms.review_date = review;

    std::string approach, meetings, agenda;
    switch (r.model) {
    case Model::mentoring:
        approach = "Development-driven mentoring in " + r.focus +
                   ". The mentee sets the goals, open-ended or measurable; the mentor shares "
                   "experience, guidance and advice, and the mentee asks most of the questions.";
        meetings = "We meet as needed, about every " + cadence +
                   " days, initiated by the mentee. Consistency matters more than frequency: "
                   "a cancelled meeting is rescheduled within a week.";
        agenda = "The mentee sets the agenda and shares it before each meeting.";
        break;
    case Model::coaching:
        approach = "Performance-driven coaching in " + r.focus +
                   ". We agree clear, measurable goals; the coachee performs, the coach observes "
                   "and gives feedback (questions, challenge, encouragement), and the cycle "
                   "repeats until the best possible performance.";
        meetings =
            "We meet regularly every " + cadence + " days at a fixed time, in structured sessions.";
        agenda = "The coach and the coachee develop the agenda together.";
        break;
    case Model::supervision:
        approach = "Supervision in " + r.focus +
                   ": developing competency and safeguarding the quality of the supervisee's "
                   "work, with formal feedback and evaluation.";
        meetings = "We meet formally every " + cadence + " days.";
        agenda = "The supervisor sets the agenda; the supervisee brings cases and questions.";
        break;
    }
    std::string duration = "From " + to_string(r.start) +
                           (r.end ? " until " + to_string(*r.end) : std::string(", open-ended")) +
                           ". We review this agreement and our progress on " + to_string(review) +
                           ".";
    std::string confidentiality =
        r.model == Model::supervision
            ? "Case material stays within supervision. Evaluations are shared with the "
              "supervisee before anyone else."
            : "What we discuss stays between us unless both agree otherwise. Nothing is "
              "reported to either person's supervisor or used in evaluations.";
    std::string boundaries =
        r.model == Model::supervision
            ? "Supervision is evaluative; personal matters are discussed only as they affect "
              "the work."
            : "This relationship is separate from supervision and evaluation. Either of us may "
              "decline a topic; we keep to professional decorum in every setting.";
    t.clauses = {
        {ClauseKind::goals_and_approach, "Goals and approach", approach},
        {ClauseKind::communication, "Communication",
         "We write by email or chat and answer within two working days; urgent matters by "
         "phone."},
        {ClauseKind::meeting_cadence, "Meeting cadence", meetings},
        {ClauseKind::setting, "Setting",
         "We meet where both find it appropriate: in person in a public or a private place, or "
         "virtually with a link shared in advance."},
        {ClauseKind::confidentiality, "Confidentiality", confidentiality},
        {ClauseKind::boundaries, "Boundaries", boundaries},
        {ClauseKind::agenda_ownership, "Agenda", agenda},
        {ClauseKind::duration_and_review, "Duration and review", duration},
        {ClauseKind::ending, "Ending the relationship",
         "Either of us can end the relationship at any time with a short explanation; the " +
             learner +
             " can always end it. We close with a final conversation about what was "
             "learned. The " +
             guide + " never holds this against the " + learner + "."},
    };
    return t;
}

namespace rules {

void derive_states(std::vector<AgreementVersion>& versions, PersonId guide, PersonId learner) {
    auto full = [&](const AgreementVersion& v) {
        return v.signed_by(guide) && v.signed_by(learner);
    };
    std::optional<std::size_t> in_force;
    for (std::size_t i = 0; i < versions.size(); ++i)
        if (full(versions[i]))
            in_force = i;
    for (std::size_t i = 0; i < versions.size(); ++i) {
        AgreementVersion& v = versions[i];
        if (in_force && i == *in_force)
            v.state = AgreementState::in_force;
        else if (full(v))
            v.state = AgreementState::superseded;
        else if (i + 1 == versions.size())
            v.state =
                v.signatures.empty() ? AgreementState::draft : AgreementState::partially_signed;
        else
            v.state = AgreementState::replaced;
    }
}

} // namespace rules

} // namespace mentorkit
