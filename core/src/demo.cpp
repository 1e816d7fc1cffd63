#include "mentorkit/demo.hpp"

#include "mentorkit/actions.hpp"
#include "mentorkit/agreements.hpp"
#include "mentorkit/coaching.hpp"
#include "mentorkit/error.hpp"
#include "mentorkit/goals.hpp"
#include "mentorkit/meetings.hpp"
#include "mentorkit/notes.hpp"
#include "mentorkit/office_hours.hpp"
#include "mentorkit/people.hpp"
#include "mentorkit/programs.hpp"
#include "mentorkit/relationships.hpp"
#include "mentorkit/store.hpp"

#include <algorithm>
#include <vector>

namespace mentorkit {

using namespace std::chrono;

void populate_demo(Store& store, Date today) {
    if (store.people().count() > 0)
        throw RuleViolation("the demo program goes into an empty store only");
    struct RestoreClock {
        Store& store;
        ~RestoreClock() { store.set_clock({}); }
    } restore{store};
    auto tx = store.begin();
    // Each action is stamped at 10:00 UTC on the day it happens in the story.
    auto on = [&](Date d) {
        store.set_clock([d] { return Timestamp{d} + hours{10}; });
    };
    auto day = [&](int offset) {
        return today + days{offset};
    };
    on(day(-800));

    People& people = store.people();
    auto person = [&](const char* name, int level, std::optional<PersonId> sup,
                      std::vector<Expertise> expertise, const char* email) {
        return people.create({name, level, std::string(email), std::nullopt, sup, expertise});
    };
    // Level 6 director ... level 1 trainee; names in several scripts on purpose.
    PersonId sana = person("Dr. Sana Ali", 6, {},
                           {{"leadership", 5}, {"research", 4}, {"clinical practice", 5}},
                           "sana.ali@example.org");
    PersonId yusuf = person("Prof. Yusuf Okafor", 5, sana, {{"research", 5}, {"statistics", 4}},
                            "y.okafor@example.org");
    PersonId maria = person("Dr. Maria Kowalczyk", 5, sana,
                            {{"clinical practice", 5}, {"teaching", 4}, {"social media", 1}},
                            "m.kowalczyk@example.org");
    PersonId omar = person("Dr. Omar Haddad", 5, sana, {{"leadership", 4}, {"negotiation", 4}},
                           "o.haddad@example.org");
    PersonId elena = person("Елена Петрова", 4, yusuf, {{"research", 4}, {"writing", 4}},
                            "e.petrova@example.org");
    PersonId nikos =
        person("Νίκος Παπαδόπουλος", 4, maria, {{"clinical practice", 4}, {"teaching", 3}},
               "n.papadopoulos@example.org");
    PersonId fatima = person("فاطمة الزهراء", 4, maria, {{"clinical practice", 4}, {"writing", 3}},
                             "f.zahra@example.org");
    PersonId hiroshi = person("Dr. Hiroshi Tanaka", 4, omar, {{"statistics", 5}, {"research", 3}},
                              "h.tanaka@example.org");
    PersonId grace = person("Grace Kim (external coach)", 4, {},
                            {{"leadership", 5}, {"negotiation", 5}}, "grace@coaching.example");
    PersonId aisha = person("Dr. Aisha Bello", 3, elena, {{"research", 3}, {"social media", 2}},
                            "a.bello@example.org");
    PersonId jonas =
        person("Dr. Jonas Müller", 3, nikos, {{"clinical practice", 3}}, "j.mueller@example.org");
    PersonId priya =
        person("Dr. Priya Raman", 3, fatima, {{"clinical practice", 3}}, "p.raman@example.org");
    PersonId tomas =
        person("Dr. Tomás Núñez", 3, hiroshi, {{"statistics", 3}}, "t.nunez@example.org");
    PersonId ibrahim = person("Dr. Ibrahim Diallo", 3, elena, {{"teaching", 4}, {"research", 3}},
                              "i.diallo@example.org");
    PersonId samuel =
        person("Dr. Samuel Adeyemi", 3, nikos, {{"clinical practice", 3}}, "s.adeyemi@example.org");
    PersonId amina = person("Amina Rahman", 2, aisha, {{"research", 2}}, "amina.r@example.org");
    PersonId bilal =
        person("Bilal Chaudhry", 2, jonas, {{"social media", 5}, {"clinical practice", 2}},
               "b.chaudhry@example.org");
    PersonId zeynep = person("Zeynep Yılmaz", 2, priya, {{"research", 2}}, "z.yilmaz@example.org");
    PersonId chen =
        person("陈伟 (Chen Wei)", 2, tomas, {{"statistics", 2}}, "chen.wei@example.org");
    PersonId sofia = person("Sofía Ramírez", 2, aisha, {{"writing", 3}}, "s.ramirez@example.org");
    PersonId mateo =
        person("Mateo Rossi", 2, jonas, {{"clinical practice", 2}}, "m.rossi@example.org");
    PersonId lina =
        person("Lina Johansson", 2, samuel, {{"social media", 4}}, "l.johansson@example.org");
    PersonId noor = person("نور السيد", 1, amina, {}, "noor.s@example.org");
    PersonId dmitri =
        person("Дмитрий Соколов", 1, bilal, {{"negotiation", 1}}, "d.sokolov@example.org");
    PersonId lea = person("Léa Dubois", 1, zeynep, {}, "lea.dubois@example.org");
    PersonId kwame = person("Kwame Mensah", 1, chen, {{"statistics", 1}}, "k.mensah@example.org");
    PersonId hana = person("Hana Nováková", 1, sofia, {{"writing", 2}}, "h.novakova@example.org");
    PersonId yara = person("Yara Haddad", 1, mateo, {}, "y.haddad@example.org");
    (void)lina;

    Relationships& rels = store.relationships();
    Agreements& agr = store.agreements();
    auto propose = [&](Model model, PersonId guide, PersonId learner, const char* focus,
                       Formality formality, int start, std::optional<int> end, PersonId by,
                       std::optional<std::string> justification = {}) {
        NewRelationship r;
        r.model = model;
        r.guide = guide;
        r.learner = learner;
        r.focus = focus;
        r.formality = formality;
        r.start = day(start);
        if (end)
            r.end = day(*end);
        r.proposed_by = by;
        r.proposed_on = day(start - 7);
        r.supervision_justification = std::move(justification);
        on(day(start - 7));
        return rels.propose(r);
    };
    auto accept_all = [&](RelationshipId id, int when) {
        Relationship r = rels.get(id);
        on(day(when));
        if (!r.guide_accepted)
            rels.accept(id, r.guide, day(when));
        if (!r.learner_accepted)
            rels.accept(id, r.learner, day(when));
    };
    auto sign_both = [&](RelationshipId id, int when) {
        Relationship r = rels.get(id);
        int v = agr.current(id, r.learner).number;
        on(day(when));
        agr.sign(id, v, r.learner);
        agr.sign(id, v, r.guide);
    };

    // Amina's board of advisors (mentor by committee): clinical practice, statistics, leadership.
    RelationshipId r1 = propose(Model::mentoring, maria, amina, "clinical practice",
                                Formality::formal, -300, 430, sana);
    accept_all(r1, -302);
    sign_both(r1, -299);
    RelationshipId r2 = propose(Model::mentoring, hiroshi, amina, "statistics", Formality::informal,
                                -200, {}, amina);
    accept_all(r2, -205);
    sign_both(r2, -200);
    // Renegotiated after six months: version 2 is in force, version 1 superseded.
    on(day(-15));
    agr.amend(r2, hiroshi, "Monthly sessions instead of every four weeks; shared code review");
    agr.set_terms(r2, {30, day(165)}, hiroshi);
    sign_both(r2, -14);
    RelationshipId r3 =
        propose(Model::coaching, grace, amina, "leadership", Formality::formal, -120, 60, amina);
    accept_all(r3, -125);
    sign_both(r3, -120);
    on(day(-20));
    agr.amend(r3, grace, "Add a mid-point review of the presentation goal");
    agr.edit_clause(r3, 7,
                    "From the start until the planned end. Mid-point review at week 12 "
                    "with a recorded presentation; final review at the end.",
                    grace);
    agr.sign(r3, 2, grace); // awaiting Amina: version 1 stays in force

    // Reverse mentoring: a resident teaches a senior physician social media.
    RelationshipId r4 =
        propose(Model::mentoring, bilal, omar, "social media", Formality::informal, -90, {}, omar);
    accept_all(r4, -92);
    on(day(-89));
    agr.sign(r4, 1, bilal); // Omar has not signed yet
    on(day(-60));
    MisunderstandingId m1 = agr.raise_misunderstanding(
        r4, omar, day(-60), "I expected weekly sessions; Bilal understood monthly ones.");
    on(day(-55));
    agr.resolve_misunderstanding(m1, bilal, day(-55),
                                 "We agreed on every two weeks, Thursdays 16:00-16:30.");
    // The resolution becomes an amendment: version 1 (signed by Bilal only) is replaced.
    agr.amend(r4, omar, "Meet every two weeks, as agreed after the misunderstanding");
    agr.set_terms(r4, {14, day(90)}, omar);
    agr.edit_clause(r4, 2,
                    "We meet every two weeks, Thursdays 16:00-16:30, in Omar's office or "
                    "by video.",
                    omar);

    // Peer mentoring with a draft agreement still being edited.
    RelationshipId r5 =
        propose(Model::mentoring, ibrahim, aisha, "teaching", Formality::informal, -60, {}, aisha);
    accept_all(r5, -61);
    on(day(-58));
    agr.edit_clause(r5, 1, "We use the hospital chat and answer within one working day.", aisha);

    // Supervision (the formal, evaluative line).
    RelationshipId r6 =
        propose(Model::supervision, elena, aisha, "research", Formality::formal, -400, 330, elena);
    accept_all(r6, -401);
    sign_both(r6, -400);

    // A flash conversation that turned into a longer mentoring relationship.
    RelationshipId r7 =
        propose(Model::mentoring, nikos, zeynep, "teaching", Formality::flash, -150, {}, zeynep);
    accept_all(r7, -150);
    on(day(-100));
    rels.convert(r7, zeynep, day(-100), Formality::informal, std::nullopt);
    sign_both(r7, -99);

    // A flash relationship left open far too long.
    RelationshipId r8 = propose(Model::mentoring, samuel, lea, "clinical practice",
                                Formality::flash, -120, {}, lea);
    accept_all(r8, -120);
    sign_both(r8, -120);

    // Matched by the coordinator, waiting for both parties.
    RelationshipId r9 = propose(Model::mentoring, jonas, kwame, "clinical practice",
                                Formality::formal, 14, 200, sana);

    // Declined, completed and withdrawn: history stays readable.
    RelationshipId r10 =
        propose(Model::mentoring, yusuf, chen, "research", Formality::informal, -40, {}, chen);
    on(day(-38));
    rels.decline(r10, yusuf, day(-38), "No capacity this year; try Dr. Petrova's group.");
    RelationshipId r11 =
        propose(Model::mentoring, fatima, sofia, "writing", Formality::formal, -700, -300, sofia);
    accept_all(r11, -701);
    sign_both(r11, -700);
    on(day(-310));
    rels.complete(r11, sofia, day(-310), "First-author paper accepted; goals reached.");
    RelationshipId r12 =
        propose(Model::mentoring, ibrahim, mateo, "research", Formality::informal, -180, {}, mateo);
    accept_all(r12, -181);
    sign_both(r12, -180);
    on(day(-30));
    rels.withdraw(r12, mateo, day(-30), "Night shifts leave no time for research this year.");

    // Mentoring across a supervision line, allowed with a recorded justification.
    RelationshipId r13 = propose(
        Model::mentoring, jonas, mateo, "clinical practice", Formality::informal, -250, {}, mateo,
        std::string("Small satellite clinic: no other senior clinician there speaks "
                    "Mateo's first language. Approved by the program lead."));
    accept_all(r13, -251);
    sign_both(r13, -250);

    // Paused for parental leave.
    RelationshipId r14 = propose(Model::mentoring, fatima, noor, "clinical practice",
                                 Formality::informal, -210, {}, noor);
    accept_all(r14, -211);
    sign_both(r14, -210);
    on(day(-20));
    rels.pause(r14, noor, day(-20), "Parental leave until spring.");
    on(day(-2));
    agr.raise_misunderstanding(r1, amina, day(-2),
                               "Unclear whether I may bring anonymised case notes to sessions.");

    // Open-ended coaching (warned: coaching usually lasts 6-12 months).
    RelationshipId r15 = propose(Model::coaching, grace, dmitri, "negotiation", Formality::informal,
                                 -45, {}, dmitri);
    accept_all(r15, -46);
    sign_both(r15, -45);

    // Peer mentoring between two residents.
    RelationshipId r16 =
        propose(Model::mentoring, chen, zeynep, "statistics", Formality::informal, -75, {}, zeynep);
    accept_all(r16, -76);
    sign_both(r16, -75);

    // Goals: on track, at risk, off track, achieved, open-ended; check-ins with a correction.
    Goals& goals = store.goals();
    auto weekly = [&](GoalId g, PersonId by, int first_day, std::vector<double> values) {
        for (std::size_t i = 0; i < values.size(); ++i) {
            int d = first_day + static_cast<int>(i) * 7;
            on(day(d));
            goals.check_in(g, by, day(d), values[i]);
        }
    };
    // Amina's coaching: a measurable presentation goal, on track.
    on(day(-118));
    GoalId g1 = goals.create(
        {r3, "Present cases confidently at grand rounds", GoalFunction::skill_development,
         Measure{"presentation rubric score", "points", 40, 80}, day(60), amina, day(-118)});
    goals.add_milestone(g1, "Record a practice presentation", day(-60), grace);
    goals.add_milestone(g1, "Present at the department meeting", day(0), amina);
    goals.add_milestone(g1, "Present at grand rounds", day(55), amina);
    goals.activate(g1, amina, day(-118));
    weekly(g1, grace, -112, {42, 45, 47, 50, 52, 55, 57, 58, 61, 63, 64, 66, 68, 70, 71, 72});
    on(day(-56));
    goals.complete_milestone(g1, 0, amina, day(-56));
    // Amina's statistics mentoring: a measurable goal at risk and an open-ended career goal.
    on(day(-190));
    GoalId g2 = goals.create({r2, "Run my own survival analyses", GoalFunction::skill_development,
                              Measure{"analyses completed without help", "analyses", 0, 6}, day(40),
                              amina, day(-190)});
    goals.activate(g2, amina, day(-190));
    weekly(g2, amina, -180, {0, 0, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 3, 4});
    on(day(-78));
    CheckInId wrong = goals.check_in(g2, amina, day(-78), 40, "typo");
    goals.correct(wrong, amina, 3, "I meant 3 analyses, not 40");
    on(day(-190));
    GoalId g3 =
        goals.create({r2, "Decide between an academic and a clinical track",
                      GoalFunction::career_guidance, std::nullopt, std::nullopt, amina, day(-190)});
    goals.activate(g3, amina, day(-190));
    on(day(-30));
    goals.check_in(g3, amina, day(-30), std::nullopt,
                   "Shadowed two researchers; leaning towards a mixed appointment.");
    // Dmitri's coaching: a decreasing target, off track.
    on(day(-44));
    GoalId g4 = goals.create(
        {r15, "Shorten time to agreement in rota negotiations", GoalFunction::skill_development,
         Measure{"minutes to agreement", "min", 50, 20}, day(20), grace, day(-44)});
    goals.activate(g4, dmitri, day(-44));
    weekly(g4, dmitri, -42, {50, 49, 49, 47, 47, 46});
    // Chen and Zeynep (peer): a goal achieved, one abandoned.
    on(day(-70));
    GoalId g5 =
        goals.create({r16, "Learn mixed-effects models", GoalFunction::skill_development,
                      Measure{"exercises solved", "exercises", 0, 10}, day(-10), zeynep, day(-70)});
    goals.activate(g5, zeynep, day(-70));
    weekly(g5, zeynep, -63, {2, 4, 7, 10});
    on(day(-40));
    goals.achieve(g5, zeynep, day(-40), "All ten exercises solved.");
    on(day(-70));
    GoalId g6 = goals.create({r16, "Co-author a methods note", GoalFunction::sponsorship,
                              std::nullopt, std::nullopt, zeynep, day(-70)});
    goals.abandon(g6, zeynep, day(-20), "The journal closed the call.");

    // A periodic review of Amina's statistics mentoring.
    on(day(-14));
    goals.hold_review(r2, amina, day(-14),
                      {{g2, ReviewDecision::changed, "Slower than planned: extend by a month",
                        GoalChanges{std::nullopt, std::nullopt, std::nullopt, day(40)}},
                       {g3, ReviewDecision::kept, "", {}}},
                      "Renegotiated with version 2 of the agreement.");

    // Action items between meetings, one overdue.
    ActionItems& actions = store.actions();
    on(day(-21));
    actions.create(
        {r3, "Send the recorded presentation to Grace", amina, day(-14), g1, grace, day(-21)});
    actions.create({r1, "Introduce Amina to the ethics committee chair", maria, day(-5),
                    std::nullopt, amina, day(-21)});
    ActionItemId done = actions.create(
        {r2, "Share the R survival tutorial", hiroshi, day(-10), g2, amina, day(-21)});
    on(day(-12));
    actions.close(done, hiroshi, day(-12));

    // Coaching cycles: perform, observe, feedback, perform again.
    CoachingCycles& coaching = store.coaching();
    int scores[] = {4, 5, 5, 7, 8};
    for (int i = 0; i < 5; ++i) {
        on(day(-100 + i * 14));
        coaching.record({r3, grace, day(-100 + i * 14), "case presentation",
                         i < 3 ? "department meeting" : "grand rounds rehearsal", scores[i],
                         "What did the audience need first?", "Open with the clinical question.",
                         i == 4 ? "Your best structure yet." : "Clearer than last time."});
    }
    on(day(-30));
    coaching.record({r1, maria, day(-30), "breaking bad news", "simulated patient", 6,
                     "What did you notice about the silence?", "", "You gave the family time."});

    // Notes: a private reflection, a pair note, and documented lack of progress (seed 004).
    Notes& notes = store.notes();
    on(day(-20));
    notes.write({r15, g4, grace, NoteKind::resistance, Visibility::private_, day(-20), "",
                 "Role-played the rota meeting twice with a time limit.",
                 "Dmitri felt the exercise was artificial and skipped the second round."});
    on(day(-9));
    notes.write({r1, std::nullopt, maria, NoteKind::note, Visibility::pair, day(-10),
                 "Amina handled the family meeting well; next: lead it on her own.", "", ""});
    notes.write({r1, std::nullopt, amina, NoteKind::note, Visibility::private_, day(-9),
                 "Ask Maria how she decides what to leave out of a case summary.", "", ""});

    // Meeting history: consistent pairs, one with cancellations, a silent one (the absent
    // mentor), and next meetings already planned.
    Meetings& meetings = store.meetings();
    auto history = [&](RelationshipId rel, PersonId by, int first_day, int every, int count,
                       const std::vector<int>& cancelled_by_guide, int hour) {
        Relationship r = rels.get(rel);
        for (int k = 0; k < count; ++k) {
            int d = first_day + k * every;
            on(day(d) - days{1});
            MeetingId m = meetings.schedule(
                {rel, by, Timestamp{day(d)} + hours{hour}, 30,
                 k % 3 == 2 ? Setting::in_person_private : Setting::virtual_,
                 k % 3 == 2 ? "Room 4.12" : "", k % 3 == 2 ? "" : "https://meet.example/mk"});
            if (d >= 0)
                continue; // still ahead
            Timestamp after = Timestamp{day(d)} + hours{hour + 1};
            store.set_clock([after] { return after; });
            if (std::find(cancelled_by_guide.begin(), cancelled_by_guide.end(), k) !=
                cancelled_by_guide.end())
                meetings.cancel(m, r.guide, Timestamp{day(d)} + hours{hour - 3});
            else
                meetings.mark_held(m, r.learner);
        }
    };
    history(r1, amina, -294, 14, 22, {5, 11}, 16); // every two weeks, next one planned
    history(r2, amina, -196, 28, 8, {}, 15);
    history(r3, amina, -115, 14, 9, {3}, 9);
    history(r4, omar, -85, 14, 6, {2, 3}, 16); // cancellations pile up
    history(r6, aisha, -395, 7, 40, {}, 8);    // weekly supervision, then silence
    history(r8, lea, -115, 30, 2, {}, 12);     // a flash pair that went quiet
    history(r15, dmitri, -40, 14, 4, {}, 17);
    history(r16, zeynep, -70, 21, 4, {}, 13);
    {
        // A no-show, recorded by the mentee who came.
        on(day(-7) - days{2});
        MeetingId m = meetings.schedule({r5, aisha, Timestamp{day(-7)} + hours{16}, 30,
                                         Setting::in_person_public, "Hospital café", ""});
        meetings.add_agenda_item(m, "Observation checklist for my teaching rounds", aisha);
        Timestamp after = Timestamp{day(-7)} + hours{18};
        store.set_clock([after] { return after; });
        meetings.mark_no_show(m, ibrahim, aisha);
    }
    {
        // Agenda set by the mentee, a held meeting rated by both, one rating shared.
        on(day(-16));
        MeetingId m = meetings.schedule({r13, mateo, Timestamp{day(-14)} + hours{15}, 45,
                                         Setting::in_person_private, "Clinic office 2", ""});
        meetings.add_agenda_item(m, "Feedback on my first solo night shift", mateo);
        meetings.add_agenda_item(m, "How to ask for help without losing face", mateo);
        Timestamp after = Timestamp{day(-14)} + hours{17};
        store.set_clock([after] { return after; });
        meetings.mark_held(m, jonas);
        meetings.rate(m, mateo, 4, "Exactly what I needed.", Visibility::pair);
        meetings.rate(m, jonas, 3, "Mateo opened up; I talked too much.", Visibility::private_);
    }

    // Office hours (seed 001): Maria's every Thursday 16:00-16:30 in London, Grace's virtual
    // hour every other Monday in New York; one week skipped, the next Thursday booked.
    OfficeHours& office = store.office_hours();
    on(day(-60));
    NewOfficeHours thursdays;
    thursdays.guide = maria;
    thursdays.time_zone = "Europe/London";
    thursdays.rule.weekdays = {Thursday};
    thursdays.first_day = day(-60);
    thursdays.start = hours{16};
    thursdays.duration_minutes = 30;
    thursdays.place = "Clinic B, room 2.07";
    thursdays.capacity = 2;
    thursdays.serves = {r1};
    OfficeHoursId maria_hours = office.create(thursdays);
    NewOfficeHours mondays;
    mondays.guide = grace;
    mondays.time_zone = "America/New_York";
    mondays.rule.weekdays = {Monday};
    mondays.rule.interval = 2;
    mondays.first_day = day(-60);
    mondays.start = hours{12};
    mondays.duration_minutes = 60;
    mondays.setting = Setting::virtual_;
    mondays.link = "https://meet.example/grace-office-hours";
    mondays.capacity = 3;
    mondays.serves = {r3, r15};
    office.create(mondays);
    Timestamp now = Timestamp{today} + hours{10};
    store.set_clock([now] { return now; });
    auto upcoming = office.occurrences(maria_hours, now, now + days{15});
    if (upcoming.size() >= 2) {
        office.skip(maria_hours, upcoming[0].local_day, maria);
        office.book(maria_hours, upcoming[1].local_day, r1, amina);
    }

    // A program run by Dr. Ali (seed 002) grouping three of the pairs above, with program goals
    // measured from its relationships, a standards checklist partly assessed, and mentees
    // waiting for a matching: Noor cannot be matched with Elena Petrova, who is up her
    // supervisor chain.
    Programs& programs = store.programs();
    on(day(-320));
    ProgramId program = programs.create(
        {"Early-career clinicians", "Every new clinician gets a mentor in their first year", sana});
    programs.add_relationship(program, r1, sana);
    programs.add_relationship(program, r2, sana);
    programs.add_relationship(program, r9, sana);
    programs.add_goal(program,
                      {"Most measurable goals attained", ProgramMetric::goal_attainment, "share", 0,
                       0.6, Direction::increase, day(120)},
                      sana);
    programs.add_goal(program,
                      {"Meetings happen as planned", ProgramMetric::held_ratio, "share", 0.5, 0.85,
                       Direction::increase, day(120)},
                      sana);
    programs.add_goal(program,
                      {"A strong start: meetings in the first 90 days",
                       ProgramMetric::mean_held_first_90_days, "meetings", 0, 4,
                       Direction::increase, day(60)},
                      sana);
    StandardId signed_first =
        programs.add_standard(program, "Ground rules before the first meeting",
                              "Every pair signs its agreement before meeting regularly", sana);
    StandardId orientation = programs.add_standard(
        program, "Mentor orientation", "Mentors attend the two-hour orientation session", sana);
    StandardId no_overlap =
        programs.add_standard(program, "No mentoring across a supervision line",
                              "Any exception carries a recorded justification", sana);
    programs.add_standard(program, "Mid-year mentee survey", "Mentees rate the program anonymously",
                          sana);
    on(day(-30));
    programs.assess(signed_first, Assessment::met, "All active pairs signed (agreement log)",
                    day(-30), sana);
    programs.assess(orientation, Assessment::partly, "4 of 6 mentors attended", day(-30), sana);
    programs.assess(no_overlap, Assessment::met, "One justified exception, recorded", day(-30),
                    sana);
    programs.set_mentor(program, elena, 2, sana);
    programs.set_mentor(program, hiroshi, 2, sana);
    programs.set_mentor(program, ibrahim, 1, sana);
    programs.set_mentor(program, priya, 2, sana);
    programs.set_mentor(program, nikos, 1, sana);
    programs.set_mentor(program, jonas, 1, sana);
    programs.set_mentee(program, {noor, {"research"}, Style::traditional, false}, sana);
    programs.set_mentee(program, {lea, {"clinical practice", "writing"}, std::nullopt, true}, sana);
    programs.set_mentee(program, {kwame, {"statistics"}, Style::traditional, false}, sana);
    programs.set_mentee(program, {hana, {"writing"}, std::nullopt, false}, sana);
    programs.set_mentee(program, {yara, {"clinical practice"}, Style::traditional, false}, sana);
    programs.mark_pair(program, kwame, hiroshi, PairMark::wanted, "Kwame asked for Dr. Tanaka",
                       sana);
    programs.mark_pair(program, yara, nikos, PairMark::forbidden, "Same ward rota: no distance",
                       sana);

    tx.commit();
}

} // namespace mentorkit
