#include "storage/schema.hpp"

#include "mentorkit/error.hpp"
#include "mentorkit/store.hpp"
#include "storage/database.hpp"
#include "storage/keys.hpp"
#include "storage/records.hpp"
#include "text.hpp"

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mentorkit::detail {

namespace {

// 'MKIT' in ASCII: marks a file as mentorkit's.
constexpr int kApplicationId = 0x4D4B4954;

// Version 1: people, relationships, agreements, misunderstandings, audit log.
// Enumerations are stored as readable text (researchers query the file directly); dates are
// ISO-8601 text, instants integer milliseconds since the Unix epoch (UTC).
constexpr const char* kSchemaV1 = R"sql(
CREATE TABLE person (
    id            INTEGER PRIMARY KEY,
    name          TEXT    NOT NULL CHECK (length(name) > 0),
    level         INTEGER NOT NULL,
    email         TEXT,
    phone         TEXT,
    supervisor_id INTEGER REFERENCES person(id),
    created_at    INTEGER NOT NULL,
    CHECK (supervisor_id IS NULL OR supervisor_id <> id)
) STRICT;
CREATE INDEX person_supervisor ON person(supervisor_id) WHERE supervisor_id IS NOT NULL;

CREATE TABLE expertise (
    person_id INTEGER NOT NULL REFERENCES person(id),
    area      TEXT    NOT NULL COLLATE NOCASE CHECK (length(area) > 0),
    level     INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
    PRIMARY KEY (person_id, area)
) STRICT, WITHOUT ROWID;

CREATE TABLE relationship (
    id            INTEGER PRIMARY KEY,
    model         TEXT    NOT NULL CHECK (
        model = 'mentoring' OR
        model = 'coaching' OR
        model = 'supervision'),
    guide_id      INTEGER NOT NULL REFERENCES person(id),
    learner_id    INTEGER NOT NULL REFERENCES person(id),
    focus         TEXT    NOT NULL COLLATE NOCASE CHECK (length(focus) > 0),
    formality     TEXT    NOT NULL CHECK (
        formality = 'formal' OR
        formality = 'informal' OR
        formality = 'flash'),
    style         TEXT CHECK (
        style = 'traditional' OR
        style = 'peer' OR
        style = 'reverse'),
    status        TEXT    NOT NULL CHECK (
        status = 'proposed' OR
        status = 'active' OR
        status = 'paused' OR
        status = 'declined' OR
        status = 'completed' OR
        status = 'withdrawn'),
    start_date    TEXT    NOT NULL,
    end_date      TEXT,
    proposed_by   INTEGER NOT NULL REFERENCES person(id),
    proposed_on   TEXT    NOT NULL,
    guide_accepted   INTEGER NOT NULL CHECK (guide_accepted IN (0, 1)),
    learner_accepted INTEGER NOT NULL CHECK (learner_accepted IN (0, 1)),
    supervision_justification TEXT,
    ended_on      TEXT,
    ended_by      INTEGER REFERENCES person(id),
    end_reason    TEXT,
    created_at    INTEGER NOT NULL,
    CHECK (guide_id <> learner_id),
    CHECK (formality <> 'formal' OR end_date IS NOT NULL),
    CHECK (end_date IS NULL OR end_date >= start_date),
    CHECK ((style IS NULL) = (model <> 'mentoring'))
) STRICT;
CREATE INDEX relationship_guide ON relationship(guide_id);
CREATE INDEX relationship_learner ON relationship(learner_id);
-- At most one open relationship per pair, model and focus.
-- (Enumerations are checked with OR chains: SQLite evaluates an IN list of three or more values
-- through an ephemeral table, on every INSERT.)
CREATE UNIQUE INDEX relationship_open_pair ON relationship(guide_id, learner_id, model, focus)
    WHERE (status = 'proposed' OR status = 'active' OR status = 'paused');

CREATE TABLE relationship_event (
    id              INTEGER PRIMARY KEY,
    relationship_id INTEGER NOT NULL REFERENCES relationship(id),
    kind            TEXT    NOT NULL CHECK (
        kind = 'accepted' OR
        kind = 'declined' OR
        kind = 'paused' OR
        kind = 'resumed' OR
        kind = 'completed' OR
        kind = 'withdrawn' OR
        kind = 'converted'),
    actor_id        INTEGER NOT NULL REFERENCES person(id),
    on_date         TEXT    NOT NULL,
    reason          TEXT,
    at              INTEGER NOT NULL
) STRICT;
CREATE INDEX relationship_event_rel ON relationship_event(relationship_id);

CREATE TABLE agreement_version (
    id              INTEGER PRIMARY KEY,
    relationship_id INTEGER NOT NULL REFERENCES relationship(id),
    number          INTEGER NOT NULL CHECK (number >= 1),
    cadence_days    INTEGER CHECK (cadence_days > 0),
    review_date     TEXT,
    created_by      INTEGER REFERENCES person(id),
    created_at      INTEGER NOT NULL,
    change_note     TEXT    NOT NULL DEFAULT '',
    UNIQUE (relationship_id, number)
) STRICT;

CREATE TABLE agreement_clause (
    version_id INTEGER NOT NULL REFERENCES agreement_version(id),
    position   INTEGER NOT NULL CHECK (position >= 0),
    kind       TEXT    NOT NULL CHECK (
        kind = 'goals_and_approach' OR
        kind = 'communication' OR
        kind = 'meeting_cadence' OR
        kind = 'setting' OR
        kind = 'confidentiality' OR
        kind = 'boundaries' OR
        kind = 'agenda_ownership' OR
        kind = 'duration_and_review' OR
        kind = 'ending' OR
        kind = 'other'),
    title      TEXT    NOT NULL,
    body       TEXT    NOT NULL,
    PRIMARY KEY (version_id, position)
) STRICT, WITHOUT ROWID;

CREATE TABLE agreement_signature (
    version_id INTEGER NOT NULL REFERENCES agreement_version(id),
    person_id  INTEGER NOT NULL REFERENCES person(id),
    signed_at  INTEGER NOT NULL,
    PRIMARY KEY (version_id, person_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE misunderstanding (
    id              INTEGER PRIMARY KEY,
    relationship_id INTEGER NOT NULL REFERENCES relationship(id),
    raised_by       INTEGER NOT NULL REFERENCES person(id),
    raised_on       TEXT    NOT NULL,
    description     TEXT    NOT NULL CHECK (length(description) > 0),
    resolution      TEXT,
    resolved_by     INTEGER REFERENCES person(id),
    resolved_on     TEXT,
    created_at      INTEGER NOT NULL
) STRICT;
CREATE INDEX misunderstanding_rel ON misunderstanding(relationship_id);

CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY,
    at        INTEGER NOT NULL,
    actor_id  INTEGER REFERENCES person(id),
    action    TEXT    NOT NULL,
    entity    TEXT    NOT NULL,
    entity_id INTEGER NOT NULL,
    detail    TEXT    NOT NULL
) STRICT;
CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);

-- History is appended, never overwritten: the database itself refuses edits of it.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER relationship_event_no_update BEFORE UPDATE ON relationship_event
BEGIN SELECT RAISE(ABORT, 'relationship history is append-only'); END;
CREATE TRIGGER relationship_event_no_delete BEFORE DELETE ON relationship_event
BEGIN SELECT RAISE(ABORT, 'relationship history is append-only'); END;
CREATE TRIGGER relationship_no_delete BEFORE DELETE ON relationship
BEGIN SELECT RAISE(ABORT, 'relationships are kept forever'); END;
CREATE TRIGGER agreement_version_no_delete BEFORE DELETE ON agreement_version
BEGIN SELECT RAISE(ABORT, 'agreement versions are kept forever'); END;
CREATE TRIGGER agreement_version_frozen BEFORE UPDATE ON agreement_version
WHEN EXISTS (SELECT 1 FROM agreement_signature WHERE version_id = OLD.id)
BEGIN SELECT RAISE(ABORT, 'a signed agreement version cannot change'); END;
CREATE TRIGGER agreement_clause_frozen_insert BEFORE INSERT ON agreement_clause
WHEN EXISTS (SELECT 1 FROM agreement_signature WHERE version_id = NEW.version_id)
BEGIN SELECT RAISE(ABORT, 'a signed agreement version cannot change'); END;
CREATE TRIGGER agreement_clause_frozen_update BEFORE UPDATE ON agreement_clause
WHEN EXISTS (SELECT 1 FROM agreement_signature WHERE version_id = OLD.version_id)
BEGIN SELECT RAISE(ABORT, 'a signed agreement version cannot change'); END;
CREATE TRIGGER agreement_clause_frozen_delete BEFORE DELETE ON agreement_clause
WHEN EXISTS (SELECT 1 FROM agreement_signature WHERE version_id = OLD.version_id)
BEGIN SELECT RAISE(ABORT, 'a signed agreement version cannot change'); END;
CREATE TRIGGER agreement_signature_no_update BEFORE UPDATE ON agreement_signature
BEGIN SELECT RAISE(ABORT, 'signatures are kept forever'); END;
CREATE TRIGGER agreement_signature_no_delete BEFORE DELETE ON agreement_signature
BEGIN SELECT RAISE(ABORT, 'signatures are kept forever'); END;
CREATE TRIGGER misunderstanding_no_delete BEFORE DELETE ON misunderstanding
BEGIN SELECT RAISE(ABORT, 'the misunderstanding log is kept forever'); END;
CREATE TRIGGER misunderstanding_resolved_once BEFORE UPDATE ON misunderstanding
WHEN OLD.resolution IS NOT NULL OR NEW.description IS NOT OLD.description
BEGIN SELECT RAISE(ABORT, 'a resolved misunderstanding cannot change'); END;
)sql";

// Version 2: goals with milestones, check-ins and periodic reviews; action items; coaching
// cycles; notes (with resistance entries) and their visibility.
constexpr const char* kSchemaV2 = R"sql(
CREATE TABLE goal (
    id              INTEGER PRIMARY KEY,
    relationship_id INTEGER NOT NULL REFERENCES relationship(id),
    learner_id      INTEGER NOT NULL REFERENCES person(id),
    title           TEXT    NOT NULL CHECK (length(title) > 0),
    kind            TEXT    NOT NULL CHECK (kind = 'measurable' OR kind = 'open_ended'),
    function        TEXT    NOT NULL CHECK (
        function = 'career_guidance' OR
        function = 'skill_development' OR
        function = 'sponsorship' OR
        function = 'psychosocial_support' OR
        function = 'role_modelling'),
    metric          TEXT,
    unit            TEXT,
    baseline        REAL,
    target          REAL,
    due_date        TEXT,
    status          TEXT    NOT NULL CHECK (
        status = 'draft' OR
        status = 'active' OR
        status = 'achieved' OR
        status = 'abandoned'),
    created_by      INTEGER NOT NULL REFERENCES person(id),
    created_on      TEXT    NOT NULL,
    activated_on    TEXT,
    closed_on       TEXT,
    close_reason    TEXT,
    created_at      INTEGER NOT NULL,
    CHECK ((kind = 'measurable') =
           (metric IS NOT NULL AND baseline IS NOT NULL AND target IS NOT NULL)),
    CHECK (kind <> 'measurable' OR target <> baseline)
) STRICT;
CREATE INDEX goal_relationship ON goal(relationship_id);

CREATE TABLE milestone (
    goal_id  INTEGER NOT NULL REFERENCES goal(id),
    position INTEGER NOT NULL CHECK (position >= 0),
    title    TEXT    NOT NULL CHECK (length(title) > 0),
    due_date TEXT,
    done_on  TEXT,
    done_by  INTEGER REFERENCES person(id),
    PRIMARY KEY (goal_id, position)
) STRICT, WITHOUT ROWID;

CREATE TABLE checkin (
    id          INTEGER PRIMARY KEY,
    goal_id     INTEGER NOT NULL REFERENCES goal(id),
    on_date     TEXT    NOT NULL,
    value       REAL,
    note        TEXT,
    recorded_by INTEGER NOT NULL REFERENCES person(id),
    supersedes  INTEGER REFERENCES checkin(id),
    recorded_at INTEGER NOT NULL,
    CHECK (value IS NOT NULL OR note IS NOT NULL)
) STRICT;
CREATE INDEX checkin_goal ON checkin(goal_id, on_date);
-- A check-in is corrected at most once; the correction can itself be corrected.
CREATE UNIQUE INDEX checkin_supersedes ON checkin(supersedes) WHERE supersedes IS NOT NULL;

CREATE TABLE goal_review (
    id              INTEGER PRIMARY KEY,
    relationship_id INTEGER NOT NULL REFERENCES relationship(id),
    held_on         TEXT    NOT NULL,
    held_by         INTEGER NOT NULL REFERENCES person(id),
    summary         TEXT    NOT NULL,
    created_at      INTEGER NOT NULL
) STRICT;
CREATE INDEX goal_review_rel ON goal_review(relationship_id);

CREATE TABLE goal_review_item (
    review_id INTEGER NOT NULL REFERENCES goal_review(id),
    goal_id   INTEGER NOT NULL REFERENCES goal(id),
    decision  TEXT    NOT NULL CHECK (
        decision = 'kept' OR
        decision = 'changed' OR
        decision = 'achieved' OR
        decision = 'abandoned'),
    reason    TEXT    NOT NULL,
    progress  REAL,
    forecast  TEXT,
    PRIMARY KEY (review_id, goal_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE action_item (
    id              INTEGER PRIMARY KEY,
    relationship_id INTEGER NOT NULL REFERENCES relationship(id),
    goal_id         INTEGER REFERENCES goal(id),
    title           TEXT    NOT NULL CHECK (length(title) > 0),
    assignee_id     INTEGER NOT NULL REFERENCES person(id),
    due_date        TEXT,
    created_by      INTEGER NOT NULL REFERENCES person(id),
    created_on      TEXT    NOT NULL,
    done_on         TEXT,
    closed_by       INTEGER REFERENCES person(id),
    created_at      INTEGER NOT NULL,
    CHECK ((done_on IS NULL) = (closed_by IS NULL))
) STRICT;
CREATE INDEX action_item_rel ON action_item(relationship_id);

CREATE TABLE coaching_cycle (
    id               INTEGER PRIMARY KEY,
    relationship_id  INTEGER NOT NULL REFERENCES relationship(id),
    recorded_by      INTEGER NOT NULL REFERENCES person(id),
    observed_on      TEXT    NOT NULL,
    skill            TEXT    NOT NULL COLLATE NOCASE CHECK (length(skill) > 0),
    situation        TEXT    NOT NULL,
    score            INTEGER NOT NULL CHECK (score BETWEEN 1 AND 10),
    question         TEXT    NOT NULL,
    challenge        TEXT    NOT NULL,
    encouragement    TEXT    NOT NULL,
    within_mentoring INTEGER NOT NULL CHECK (within_mentoring IN (0, 1)),
    created_at       INTEGER NOT NULL
) STRICT;
CREATE INDEX coaching_cycle_rel ON coaching_cycle(relationship_id, skill);

CREATE TABLE note (
    id              INTEGER PRIMARY KEY,
    relationship_id INTEGER NOT NULL REFERENCES relationship(id),
    goal_id         INTEGER REFERENCES goal(id),
    author_id       INTEGER NOT NULL REFERENCES person(id),
    kind            TEXT    NOT NULL CHECK (kind = 'note' OR kind = 'resistance'),
    visibility      TEXT    NOT NULL CHECK (
        visibility = 'private' OR
        visibility = 'pair' OR
        visibility = 'board'),
    on_date         TEXT    NOT NULL,
    body            TEXT    NOT NULL,
    tried           TEXT    NOT NULL,
    response        TEXT    NOT NULL,
    written_at      INTEGER NOT NULL
) STRICT;
CREATE INDEX note_rel ON note(relationship_id);
CREATE INDEX note_goal ON note(goal_id) WHERE goal_id IS NOT NULL;

-- History is appended: check-ins, reviews and cycles never change; a goal, a milestone, an
-- action item or a note is never deleted; a milestone and an action item are closed once.
CREATE TRIGGER checkin_no_update BEFORE UPDATE ON checkin
BEGIN SELECT RAISE(ABORT, 'check-ins are appended, never edited: record a correction'); END;
CREATE TRIGGER checkin_no_delete BEFORE DELETE ON checkin
BEGIN SELECT RAISE(ABORT, 'check-ins are kept forever'); END;
CREATE TRIGGER goal_no_delete BEFORE DELETE ON goal
BEGIN SELECT RAISE(ABORT, 'goals are kept forever'); END;
CREATE TRIGGER milestone_no_delete BEFORE DELETE ON milestone
BEGIN SELECT RAISE(ABORT, 'milestones are kept forever'); END;
CREATE TRIGGER milestone_done_once BEFORE UPDATE ON milestone
WHEN OLD.done_on IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a completed milestone cannot change'); END;
CREATE TRIGGER goal_review_no_update BEFORE UPDATE ON goal_review
BEGIN SELECT RAISE(ABORT, 'reviews are kept as held'); END;
CREATE TRIGGER goal_review_no_delete BEFORE DELETE ON goal_review
BEGIN SELECT RAISE(ABORT, 'reviews are kept forever'); END;
CREATE TRIGGER goal_review_item_no_update BEFORE UPDATE ON goal_review_item
BEGIN SELECT RAISE(ABORT, 'reviews are kept as held'); END;
CREATE TRIGGER goal_review_item_no_delete BEFORE DELETE ON goal_review_item
BEGIN SELECT RAISE(ABORT, 'reviews are kept forever'); END;
CREATE TRIGGER action_item_no_delete BEFORE DELETE ON action_item
BEGIN SELECT RAISE(ABORT, 'action items are kept forever'); END;
CREATE TRIGGER action_item_closed_once BEFORE UPDATE ON action_item
WHEN OLD.done_on IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a closed action item cannot change'); END;
CREATE TRIGGER coaching_cycle_no_update BEFORE UPDATE ON coaching_cycle
BEGIN SELECT RAISE(ABORT, 'coaching cycles are kept as recorded'); END;
CREATE TRIGGER coaching_cycle_no_delete BEFORE DELETE ON coaching_cycle
BEGIN SELECT RAISE(ABORT, 'coaching cycles are kept forever'); END;
CREATE TRIGGER note_no_delete BEFORE DELETE ON note
BEGIN SELECT RAISE(ABORT, 'notes are kept forever'); END;
CREATE TRIGGER note_text_fixed BEFORE UPDATE ON note
WHEN NEW.body IS NOT OLD.body OR NEW.tried IS NOT OLD.tried OR NEW.response IS NOT OLD.response
  OR NEW.author_id IS NOT OLD.author_id OR NEW.relationship_id IS NOT OLD.relationship_id
BEGIN SELECT RAISE(ABORT, 'a note is kept as written; only its visibility can widen'); END;
)sql";

// Version 3: meetings with agenda, outcome and ratings; notes on meetings; the per-relationship
// meeting summary kept current on every change (consistency metrics without rescans).
constexpr const char* kSchemaV3 = R"sql(
CREATE TABLE meeting (
    id              INTEGER PRIMARY KEY,
    relationship_id INTEGER NOT NULL REFERENCES relationship(id),
    starts_at       INTEGER NOT NULL,
    duration_min    INTEGER NOT NULL CHECK (duration_min BETWEEN 1 AND 1440),
    setting         TEXT    NOT NULL CHECK (
        setting = 'in_person_public' OR
        setting = 'in_person_private' OR
        setting = 'virtual'),
    place           TEXT    NOT NULL,
    link            TEXT    NOT NULL,
    status          TEXT    NOT NULL CHECK (
        status = 'planned' OR
        status = 'held' OR
        status = 'cancelled' OR
        status = 'no_show'),
    scheduled_by    INTEGER NOT NULL REFERENCES person(id),
    cancelled_by    INTEGER REFERENCES person(id),
    cancelled_at    INTEGER,
    absent_id       INTEGER REFERENCES person(id),
    outcome_by      INTEGER REFERENCES person(id),
    created_at      INTEGER NOT NULL,
    CHECK (setting <> 'virtual' OR length(link) > 0)
) STRICT;
CREATE INDEX meeting_rel ON meeting(relationship_id, starts_at);

CREATE TABLE agenda_item (
    meeting_id  INTEGER NOT NULL REFERENCES meeting(id),
    position    INTEGER NOT NULL CHECK (position >= 0),
    text        TEXT    NOT NULL CHECK (length(text) > 0),
    proposed_by INTEGER NOT NULL REFERENCES person(id),
    PRIMARY KEY (meeting_id, position)
) STRICT, WITHOUT ROWID;

CREATE TABLE meeting_rating (
    meeting_id INTEGER NOT NULL REFERENCES meeting(id),
    person_id  INTEGER NOT NULL REFERENCES person(id),
    rating     INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),
    comment    TEXT    NOT NULL,
    visibility TEXT    NOT NULL CHECK (visibility = 'private' OR visibility = 'pair'),
    rated_at   INTEGER NOT NULL,
    PRIMARY KEY (meeting_id, person_id)
) STRICT, WITHOUT ROWID;

ALTER TABLE note ADD COLUMN meeting_id INTEGER REFERENCES meeting(id);
CREATE INDEX note_meeting ON note(meeting_id) WHERE meeting_id IS NOT NULL;

CREATE TABLE meeting_stats (
    relationship_id    INTEGER PRIMARY KEY REFERENCES relationship(id),
    planned            INTEGER NOT NULL,
    held               INTEGER NOT NULL,
    cancelled_guide    INTEGER NOT NULL,
    cancelled_learner  INTEGER NOT NULL,
    no_show_guide      INTEGER NOT NULL,
    no_show_learner    INTEGER NOT NULL,
    held_first_90      INTEGER NOT NULL,
    first_held         TEXT,
    last_held          TEXT,
    longest_gap        INTEGER NOT NULL,
    misses_since_held  INTEGER NOT NULL
) STRICT;

CREATE TRIGGER meeting_no_delete BEFORE DELETE ON meeting
BEGIN SELECT RAISE(ABORT, 'meetings are kept forever'); END;
CREATE TRIGGER meeting_outcome_once BEFORE UPDATE ON meeting
WHEN OLD.status <> 'planned'
BEGIN SELECT RAISE(ABORT, 'a meeting''s outcome is recorded once'); END;
CREATE TRIGGER agenda_item_no_update BEFORE UPDATE ON agenda_item
BEGIN SELECT RAISE(ABORT, 'agenda items are kept as proposed'); END;
CREATE TRIGGER agenda_item_no_delete BEFORE DELETE ON agenda_item
BEGIN SELECT RAISE(ABORT, 'agenda items are kept forever'); END;
CREATE TRIGGER meeting_rating_no_update BEFORE UPDATE ON meeting_rating
BEGIN SELECT RAISE(ABORT, 'a rating is given once'); END;
CREATE TRIGGER meeting_rating_no_delete BEFORE DELETE ON meeting_rating
BEGIN SELECT RAISE(ABORT, 'ratings are kept forever'); END;
)sql";

// Version 4: office hours in a time zone, their skipped or moved occurrences and bookings.
constexpr const char* kSchemaV4 = R"sql(
CREATE TABLE office_hours (
    id           INTEGER PRIMARY KEY,
    guide_id     INTEGER NOT NULL REFERENCES person(id),
    time_zone    TEXT    NOT NULL,
    kind         TEXT    NOT NULL CHECK (
        kind = 'weekly' OR
        kind = 'monthly_weekday' OR
        kind = 'monthly_day'),
    interval     INTEGER NOT NULL CHECK (interval BETWEEN 1 AND 52),
    weekdays     INTEGER NOT NULL,
    nth          INTEGER NOT NULL,
    weekday      INTEGER NOT NULL,
    day_of_month INTEGER NOT NULL,
    first_day    TEXT    NOT NULL,
    last_day     TEXT,
    start_minute INTEGER NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
    duration_min INTEGER NOT NULL CHECK (duration_min BETWEEN 1 AND 1440),
    setting      TEXT    NOT NULL CHECK (
        setting = 'in_person_public' OR
        setting = 'in_person_private' OR
        setting = 'virtual'),
    place        TEXT    NOT NULL,
    link         TEXT    NOT NULL,
    capacity     INTEGER NOT NULL CHECK (capacity BETWEEN 1 AND 100),
    created_at   INTEGER NOT NULL
) STRICT;
CREATE INDEX office_hours_guide ON office_hours(guide_id);

CREATE TABLE office_hours_relationship (
    office_hours_id INTEGER NOT NULL REFERENCES office_hours(id),
    relationship_id INTEGER NOT NULL REFERENCES relationship(id),
    PRIMARY KEY (office_hours_id, relationship_id)
) STRICT, WITHOUT ROWID;

-- A skipped (new_start NULL) or moved occurrence, by its local day in the rule.
CREATE TABLE office_hours_exception (
    office_hours_id INTEGER NOT NULL REFERENCES office_hours(id),
    local_day       TEXT    NOT NULL,
    new_start       INTEGER,
    PRIMARY KEY (office_hours_id, local_day)
) STRICT, WITHOUT ROWID;

CREATE TABLE office_hours_booking (
    office_hours_id INTEGER NOT NULL REFERENCES office_hours(id),
    local_day       TEXT    NOT NULL,
    relationship_id INTEGER NOT NULL REFERENCES relationship(id),
    meeting_id      INTEGER NOT NULL REFERENCES meeting(id),
    PRIMARY KEY (office_hours_id, local_day, relationship_id)
) STRICT, WITHOUT ROWID;
CREATE TRIGGER office_hours_booking_no_delete BEFORE DELETE ON office_hours_booking
BEGIN SELECT RAISE(ABORT, 'bookings are kept; cancel the meeting instead'); END;
CREATE TRIGGER office_hours_no_delete BEFORE DELETE ON office_hours
BEGIN SELECT RAISE(ABORT, 'office hours are kept; end them with a last day instead'); END;
)sql";

// Version 5: the audit log is read through an acting person (audit.hpp "Who reads which
// entry"); the entries a person acted on are found by this index instead of a scan of the log.
constexpr const char* kSchemaV5 = R"sql(
CREATE INDEX audit_log_actor ON audit_log(actor_id) WHERE actor_id IS NOT NULL;
)sql";

// Version 6: programs with goals, a standards checklist and its appended assessments, the
// relationships they group, and their participants (mentees with wanted areas, mentors with a
// capacity, pairs the coordinator marked) for matching.
constexpr const char* kSchemaV6 = R"sql(
CREATE TABLE program (
    id             INTEGER PRIMARY KEY,
    name           TEXT    NOT NULL COLLATE NOCASE UNIQUE CHECK (length(name) > 0),
    purpose        TEXT    NOT NULL,
    coordinator_id INTEGER NOT NULL REFERENCES person(id),
    created_at     INTEGER NOT NULL
) STRICT;

CREATE TABLE program_goal (
    id         INTEGER PRIMARY KEY,
    program_id INTEGER NOT NULL REFERENCES program(id),
    title      TEXT    NOT NULL CHECK (length(title) > 0),
    metric     TEXT    NOT NULL CHECK (
        metric = 'goal_attainment' OR
        metric = 'mean_goal_progress' OR
        metric = 'held_ratio' OR
        metric = 'mean_held_first_90_days' OR
        metric = 'share_on_track' OR
        metric = 'started_relationships' OR
        metric = 'completed_relationships'),
    unit       TEXT    NOT NULL,
    baseline   REAL    NOT NULL,
    target     REAL    NOT NULL,
    direction  TEXT    NOT NULL CHECK (direction = 'increase' OR direction = 'decrease'),
    due_date   TEXT,
    created_at INTEGER NOT NULL,
    CHECK ((direction = 'increase' AND target > baseline) OR
           (direction = 'decrease' AND target < baseline))
) STRICT;
CREATE INDEX program_goal_program ON program_goal(program_id);

CREATE TABLE program_standard (
    id          INTEGER PRIMARY KEY,
    program_id  INTEGER NOT NULL REFERENCES program(id),
    title       TEXT    NOT NULL CHECK (length(title) > 0),
    description TEXT    NOT NULL,
    created_at  INTEGER NOT NULL
) STRICT;
CREATE INDEX program_standard_program ON program_standard(program_id);

CREATE TABLE program_assessment (
    id          INTEGER PRIMARY KEY,
    standard_id INTEGER NOT NULL REFERENCES program_standard(id),
    rating      TEXT    NOT NULL CHECK (
        rating = 'met' OR
        rating = 'partly' OR
        rating = 'not_met'),
    evidence    TEXT    NOT NULL CHECK (length(evidence) > 0),
    assessed_on TEXT    NOT NULL,
    assessed_by INTEGER NOT NULL REFERENCES person(id),
    at          INTEGER NOT NULL
) STRICT;
CREATE INDEX program_assessment_standard ON program_assessment(standard_id, assessed_on);

-- A relationship belongs to at most one program.
CREATE TABLE program_relationship (
    relationship_id INTEGER PRIMARY KEY REFERENCES relationship(id),
    program_id      INTEGER NOT NULL REFERENCES program(id),
    added_by        INTEGER NOT NULL REFERENCES person(id),
    added_at        INTEGER NOT NULL
) STRICT;
CREATE INDEX program_relationship_program ON program_relationship(program_id);

CREATE TABLE program_mentee (
    program_id      INTEGER NOT NULL REFERENCES program(id),
    person_id       INTEGER NOT NULL REFERENCES person(id),
    preferred_style TEXT CHECK (
        preferred_style = 'traditional' OR
        preferred_style = 'peer' OR
        preferred_style = 'reverse'),
    board           INTEGER NOT NULL CHECK (board = 0 OR board = 1),
    PRIMARY KEY (program_id, person_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE program_mentee_area (
    program_id INTEGER NOT NULL,
    person_id  INTEGER NOT NULL,
    position   INTEGER NOT NULL CHECK (position >= 0),
    area       TEXT    NOT NULL COLLATE NOCASE CHECK (length(area) > 0),
    PRIMARY KEY (program_id, person_id, position),
    UNIQUE (program_id, person_id, area),
    FOREIGN KEY (program_id, person_id) REFERENCES program_mentee(program_id, person_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE program_mentor (
    program_id INTEGER NOT NULL REFERENCES program(id),
    person_id  INTEGER NOT NULL REFERENCES person(id),
    capacity   INTEGER NOT NULL CHECK (capacity BETWEEN 1 AND 1000),
    PRIMARY KEY (program_id, person_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE program_pair_mark (
    program_id INTEGER NOT NULL REFERENCES program(id),
    mentee_id  INTEGER NOT NULL REFERENCES person(id),
    mentor_id  INTEGER NOT NULL REFERENCES person(id),
    mark       TEXT    NOT NULL CHECK (mark = 'wanted' OR mark = 'forbidden'),
    reason     TEXT    NOT NULL CHECK (length(reason) > 0),
    PRIMARY KEY (program_id, mentee_id, mentor_id),
    CHECK (mentee_id <> mentor_id)
) STRICT, WITHOUT ROWID;

-- Programs, their goals, standards and relationship links are kept; assessments are appended.
CREATE TRIGGER program_no_delete BEFORE DELETE ON program
BEGIN SELECT RAISE(ABORT, 'programs are kept forever'); END;
CREATE TRIGGER program_goal_no_delete BEFORE DELETE ON program_goal
BEGIN SELECT RAISE(ABORT, 'program goals are kept forever'); END;
CREATE TRIGGER program_standard_no_delete BEFORE DELETE ON program_standard
BEGIN SELECT RAISE(ABORT, 'standards are kept forever'); END;
CREATE TRIGGER program_assessment_no_update BEFORE UPDATE ON program_assessment
BEGIN SELECT RAISE(ABORT, 'assessments are appended, never edited'); END;
CREATE TRIGGER program_assessment_no_delete BEFORE DELETE ON program_assessment
BEGIN SELECT RAISE(ABORT, 'assessments are kept forever'); END;
CREATE TRIGGER program_relationship_no_update BEFORE UPDATE ON program_relationship
BEGIN SELECT RAISE(ABORT, 'a relationship stays in its program'); END;
CREATE TRIGGER program_relationship_no_delete BEFORE DELETE ON program_relationship
BEGIN SELECT RAISE(ABORT, 'a relationship stays in its program'); END;
)sql";

// Version 7: history cannot be overwritten through the back door either. INSERT OR REPLACE (and
// UPDATE OR REPLACE) deletes the row it collides with without firing delete triggers, so every
// kept table refuses an insert whose key (primary or unique) is taken, and an update that
// changes a key; a note's visibility only widens. Generated from this list, so every kept table
// gets the same guards (verify_schema checks they are still there on every open).
struct KeptTable {
    const char* table;
    const char* key;          // primary key columns, comma-separated; they never change
    const char* insert_also;  // a further taken-key condition on NEW, or nullptr
    const char* update_also;  // a further collision condition on NEW/OLD, or nullptr
    bool updatable;           // rows may change (else a no_update trigger refuses any update)
    bool insert_guard = true; // false: inserts are guarded by a trigger of their own
};

#define MK_OPEN(x)                                                                                 \
    "(" x ".status = 'proposed' OR " x ".status = 'active' OR " x ".status = 'paused')"
const KeptTable kKeptTables[] = {
    {"audit_log", "id", nullptr, nullptr, false},
    {"relationship", "id",
     MK_OPEN("NEW") " AND EXISTS (SELECT 1 FROM relationship k WHERE k.guide_id = NEW.guide_id "
                    "AND k.learner_id = NEW.learner_id AND k.model = NEW.model AND k.focus = "
                    "NEW.focus AND " MK_OPEN("k") ")",
     MK_OPEN("NEW") " AND EXISTS (SELECT 1 FROM relationship k WHERE k.id <> OLD.id AND "
                    "k.guide_id = NEW.guide_id AND k.learner_id = NEW.learner_id AND k.model = "
                    "NEW.model AND k.focus = NEW.focus AND " MK_OPEN("k") ")",
     true},
    {"relationship_event", "id", nullptr, nullptr, false},
    {"agreement_version", "id,relationship_id,number",
     "EXISTS (SELECT 1 FROM agreement_version k WHERE k.relationship_id = NEW.relationship_id "
     "AND k.number = NEW.number)",
     nullptr, true},
    {"agreement_clause", "version_id", nullptr, nullptr, true, false},
    {"agreement_signature", "version_id,person_id", nullptr, nullptr, false},
    {"misunderstanding", "id", nullptr, nullptr, true},
    {"goal", "id", nullptr, nullptr, true},
    {"milestone", "goal_id,position", nullptr, nullptr, true},
    {"checkin", "id",
     "NEW.supersedes IS NOT NULL AND EXISTS (SELECT 1 FROM checkin k WHERE k.supersedes = "
     "NEW.supersedes)",
     nullptr, false},
    {"goal_review", "id", nullptr, nullptr, false},
    {"goal_review_item", "review_id,goal_id", nullptr, nullptr, false},
    {"action_item", "id", nullptr, nullptr, true},
    {"coaching_cycle", "id", nullptr, nullptr, false},
    {"note", "id", nullptr, nullptr, true},
    {"meeting", "id", nullptr, nullptr, true},
    {"agenda_item", "meeting_id,position", nullptr, nullptr, false},
    {"meeting_rating", "meeting_id,person_id", nullptr, nullptr, false},
    {"office_hours", "id", nullptr, nullptr, true},
    {"office_hours_booking", "office_hours_id,local_day,relationship_id", nullptr, nullptr, true},
    {"program", "id", "EXISTS (SELECT 1 FROM program k WHERE k.name = NEW.name)",
     "EXISTS (SELECT 1 FROM program k WHERE k.id <> OLD.id AND k.name = NEW.name)", true},
    {"program_goal", "id", nullptr, nullptr, true},
    {"program_standard", "id", nullptr, nullptr, true},
    {"program_assessment", "id", nullptr, nullptr, false},
    {"program_relationship", "relationship_id", nullptr, nullptr, false},
};
#undef MK_OPEN

std::vector<std::string> split_columns(const char* list) {
    std::vector<std::string> out;
    std::string current;
    for (const char* p = list; *p; ++p) {
        if (*p == ',') {
            out.push_back(current);
            current.clear();
        } else {
            current += *p;
        }
    }
    out.push_back(current);
    return out;
}

std::string protections_v7() {
    std::string sql;
    for (const KeptTable& t : kKeptTables) {
        std::vector<std::string> key = split_columns(t.key);
        std::string table = t.table;
        if (t.insert_guard) {
            std::string taken = "EXISTS (SELECT 1 FROM " + table + " k WHERE ";
            for (std::size_t i = 0; i < key.size(); ++i)
                taken += (i ? " AND k." : "k.") + key[i] + " = NEW." + key[i];
            taken += ")";
            if (t.insert_also)
                taken += " OR (" + std::string(t.insert_also) + ")";
            sql += "CREATE TRIGGER " + table + "_no_replace BEFORE INSERT ON " + table + "\nWHEN " +
                   taken + "\nBEGIN SELECT RAISE(ABORT, '" + table +
                   " keeps its records: this key is taken (INSERT OR REPLACE would overwrite "
                   "one)'); END;\n";
        }
        if (t.updatable) {
            std::string changed;
            for (std::size_t i = 0; i < key.size(); ++i)
                changed += (i ? " OR NEW." : "NEW.") + key[i] + " IS NOT OLD." + key[i];
            if (t.update_also)
                changed += " OR (" + std::string(t.update_also) + ")";
            sql += "CREATE TRIGGER " + table + "_key_fixed BEFORE UPDATE ON " + table + "\nWHEN " +
                   changed + "\nBEGIN SELECT RAISE(ABORT, '" + table +
                   " keeps its records: a key cannot change or collide (UPDATE OR REPLACE "
                   "would overwrite one)'); END;\n";
        }
    }
    sql += "CREATE TRIGGER note_visibility_widens BEFORE UPDATE OF visibility ON note\n"
           "WHEN (CASE NEW.visibility WHEN 'private' THEN 0 WHEN 'pair' THEN 1 ELSE 2 END) <\n"
           "     (CASE OLD.visibility WHEN 'private' THEN 0 WHEN 'pair' THEN 1 ELSE 2 END)\n"
           "BEGIN SELECT RAISE(ABORT, 'a note is kept as written; only its visibility can "
           "widen'); END;\n";
    return sql;
}

struct Migration {
    int version;
    void (*upgrade)(db::Database&);
};

const std::vector<Migration>& migrations() {
    static const std::vector<Migration> list = {
        {1,
         [](db::Database& db) {
             db.exec(kSchemaV1);
         }},
        {2,
         [](db::Database& db) {
             db.exec(kSchemaV2);
         }},
        {3,
         [](db::Database& db) {
             db.exec(kSchemaV3);
         }},
        {4,
         [](db::Database& db) {
             db.exec(kSchemaV4);
         }},
        {5,
         [](db::Database& db) {
             db.exec(kSchemaV5);
         }},
        {6,
         [](db::Database& db) {
             db.exec(kSchemaV6);
         }},
        {7,
         [](db::Database& db) {
             db.exec(protections_v7().c_str());
         }},
        {8, &storage::upgrade_v8},
        {9, &storage::upgrade_v9},
    };
    return list;
}

// One object of sqlite_schema, read as bytes (a tampered schema may hold text that is not UTF-8).
struct SchemaObject {
    std::string type, name, table, sql;
    bool operator==(const SchemaObject&) const = default;
};

// Every object but SQLite's statistics tables (ANALYZE makes them; they hold no rule).
std::vector<SchemaObject> read_schema(db::Database& db) {
    db::Statement s(db, "SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE name NOT LIKE "
                        "'sqlite\\_stat%' ESCAPE '\\' ORDER BY type, name");
    std::vector<SchemaObject> out;
    while (s.step())
        out.push_back({s.get_bytes(0), s.get_bytes(1), s.get_bytes(2), s.get_bytes(3)});
    return out;
}

// The schema this build makes, built once per process in a private in-memory database.
const std::vector<SchemaObject>& expected_schema() {
    static const std::vector<SchemaObject> schema = [] {
        db::Database db(":memory:");
        migrate(db);
        return read_schema(db);
    }();
    return schema;
}

// Throws StorageError(not_a_database / schema_too_new) unless the file is empty or mentorkit's
// and not newer; reads only.
std::int64_t check_version(db::Database& db) {
    // One statement, so one read transaction: read one by one, the three could straddle another
    // process's migration commit (no objects yet, no application id, but version 1).
    db::Statement s(db, "SELECT (SELECT count(*) FROM sqlite_schema), (SELECT application_id "
                        "FROM pragma_application_id), (SELECT user_version FROM "
                        "pragma_user_version)");
    s.step();
    std::int64_t objects = s.get_int(0);
    std::int64_t app_id = s.get_int(1);
    std::int64_t version = s.get_int(2);
    s.reset();
    if (app_id != kApplicationId && (objects > 0 || app_id != 0 || version != 0))
        throw StorageError("not a mentorkit database (it holds " + std::to_string(objects) +
                               " schema objects, application id " + std::to_string(app_id) +
                               ", schema version " + std::to_string(version) +
                               "); refusing to open it",
                           ErrorCode::not_a_database);
    if (version > latest_schema_version())
        throw StorageError("the database was written by a newer mentorkit (schema version " +
                               std::to_string(version) + ", this build knows up to " +
                               std::to_string(latest_schema_version()) + "); upgrade mentorkit",
                           ErrorCode::schema_too_new);
    return version;
}

struct SchemaDiff {
    std::vector<std::string> missing, altered, unexpected; // "trigger audit_log_no_update"
    bool tables_intact = true; // no table missing, altered or unexpected
    bool empty() const { return missing.empty() && altered.empty() && unexpected.empty(); }
};

SchemaDiff diff_schema(db::Database& db) {
    const auto& want = expected_schema();
    auto have = read_schema(db);
    SchemaDiff d;
    auto label = [](const SchemaObject& o) {
        return o.type + " " + valid_utf8(o.name);
    };
    // Indexed by (type, name): every open diffs some hundred objects against as many.
    using Index = std::map<std::pair<std::string_view, std::string_view>, const SchemaObject*>;
    auto index = [](const std::vector<SchemaObject>& in) {
        Index out;
        for (const SchemaObject& x : in)
            out.emplace(std::pair<std::string_view, std::string_view>(x.type, x.name), &x);
        return out;
    };
    const Index have_at = index(have), want_at = index(want);
    auto find = [](const Index& in, const SchemaObject& o) {
        auto it = in.find({o.type, o.name});
        return it == in.end() ? nullptr : it->second;
    };
    for (const SchemaObject& w : want) {
        const SchemaObject* h = find(have_at, w);
        if (!h)
            d.missing.push_back(label(w));
        else if (!(*h == w))
            d.altered.push_back(label(w));
        else
            continue;
        if (w.type == "table")
            d.tables_intact = false;
    }
    for (const SchemaObject& h : have)
        if (!find(want_at, h)) {
            d.unexpected.push_back(label(h));
            if (h.type == "table")
                d.tables_intact = false;
        }
    return d;
}

std::string describe(const SchemaDiff& d) {
    std::string out;
    auto list = [&](const char* what, const std::vector<std::string>& items) {
        if (items.empty())
            return;
        if (!out.empty())
            out += "; ";
        out += what;
        out += ": ";
        for (std::size_t i = 0; i < items.size() && i < 6; ++i)
            out += (i ? ", " : "") + items[i];
        if (items.size() > 6)
            out += " and " + std::to_string(items.size() - 6) + " more";
    };
    list("missing", d.missing);
    list("altered", d.altered);
    list("not made by mentorkit", d.unexpected);
    return out;
}

} // namespace

int latest_schema_version() noexcept {
    return migrations().back().version;
}

void check_openable(db::Database& db) {
    check_version(db);
}

void migrate(db::Database& db) {
    // Each step in its own transaction. The version is read again once the write lock is held:
    // two processes opening a new file at once would otherwise both run the same step.
    for (;;) {
        if (check_version(db) >= latest_schema_version())
            return;
        db::Transaction tx(db);
        std::int64_t version = check_version(db);
        const Migration* next = nullptr;
        for (const Migration& m : migrations())
            if (m.version > version) {
                next = &m;
                break;
            }
        if (!next) {
            tx.commit();
            return;
        }
        next->upgrade(db);
        // PRAGMAs do not take bound parameters; both values are integers from this file.
        db.exec(("PRAGMA user_version = " + std::to_string(next->version)).c_str());
        db.exec(("PRAGMA application_id = " + std::to_string(kApplicationId)).c_str());
        tx.commit();
    }
}

void verify_schema(db::Database& db) {
    SchemaDiff d = diff_schema(db);
    if (d.empty())
        return;
    throw StorageError("the store's protections were altered (" + describe(d) +
                           "); it is refused so that history cannot be rewritten unnoticed" +
                           (d.tables_intact ? ": `mentorkit repair FILE` restores them"
                                            : ": restore the file from a backup"),
                       ErrorCode::tampered);
}

std::vector<std::string> repair_schema(db::Database& db) {
    db::Transaction tx(db);
    SchemaDiff d = diff_schema(db);
    if (d.empty()) {
        tx.commit();
        return {};
    }
    if (!d.tables_intact)
        throw StorageError("cannot repair the store: its tables were changed (" + describe(d) +
                               "); restore the file from a backup",
                           ErrorCode::tampered);
    std::vector<std::string> done;
    // Objects not made by mentorkit go first (a foreign trigger could copy or change data),
    // then altered ones are made again and missing ones restored, as this build makes them.
    for (const SchemaObject& h : read_schema(db)) {
        const auto& want = expected_schema();
        bool known = false;
        for (const SchemaObject& w : want)
            known = known || (w.type == h.type && w.name == h.name && w == h);
        if (known || h.name.rfind("sqlite_autoindex_", 0) == 0)
            continue;
        std::string quoted;
        for (char c : h.name)
            quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
        std::string drop = "DROP " + h.type + " \"" + quoted + "\"";
        db.exec(drop.c_str());
        done.push_back("removed " + h.type + " " + valid_utf8(h.name));
    }
    auto have = read_schema(db);
    for (const SchemaObject& w : expected_schema()) {
        bool present = false;
        for (const SchemaObject& h : have)
            present = present || (h.type == w.type && h.name == w.name);
        if (present)
            continue;
        db.exec(w.sql.c_str());
        done.push_back("restored " + w.type + " " + w.name);
    }
    verify_schema(db);
    tx.commit();
    return done;
}

} // namespace mentorkit::detail

namespace mentorkit {
const int Store::schema_version = detail::latest_schema_version();
const int Store::application_id = 0x4D4B4954;
} // namespace mentorkit
