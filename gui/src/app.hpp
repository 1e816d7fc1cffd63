#pragma once
// The desktop client's view: one App object whose panels are spread over view_*.cpp files, each
// one draw_<panel>() (the shape of Tracy's View). No SQL and no domain rule live here: every
// change goes through the core, every refusal is caught and shown, and whatever the panels show
// comes from caches that are rebuilt only when something changed, never every frame.

#include <mentorkit/mentorkit.hpp>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace mentorkit::gui {

/// The client's own settings (window layout, recent files), kept in a directory; an empty
/// directory persists nothing (tests, benchmarks).
struct Settings {
    std::filesystem::path dir{};
    std::vector<std::filesystem::path> recent{}; ///< Most recent first, at most 8.
    int window_width = 0, window_height = 0;     ///< Last window size (0: none saved).

    /// The XDG config directory for mentorkit ($XDG_CONFIG_HOME or ~/.config).
    static std::filesystem::path default_dir();
    /// Reads the recent-files list and the window size (missing files: none).
    void load();
    /// Writes the recent-files list and the window size; errors are ignored (settings are not
    /// data).
    void save() const;
    /// Moves `file` to the front of the recent list and saves.
    void remember(const std::filesystem::path& file);
    /// Where ImGui keeps the window layout ("" when nothing is persisted).
    std::string ini_path() const;
};

/// The tabs of the main window.
enum class Tab { dashboard, relationship, people, programs };

/// The form that proposes a relationship.
struct RelationshipForm {
    int model = 0;     ///< Index into Model.
    int formality = 1; ///< Index into Formality.
    std::int64_t guide = 0;
    std::int64_t learner = 0;
    std::string focus{};
    std::string start{}; ///< YYYY-MM-DD; empty: today.
    std::string end{};   ///< YYYY-MM-DD; required when formal.
    std::string justification{};
    int declared_style = 0; ///< 0: derived from the levels, else Style + 1 (mentoring only).
    bool open = false;
};

/// The form that creates a person.
struct PersonForm {
    std::string name{};
    int level = 1;
    std::int64_t supervisor = 0; ///< 0: none.
    std::string area{};
    int area_level = 3;
    bool open = false;
};

/// Input buffers of the relationship view.
struct RelationshipInputs {
    std::vector<std::string> clauses{}; ///< Draft clause texts being edited.
    int cadence_days = 0;
    std::string reason{};
    std::string misunderstanding{};
    std::string resolution{};
    std::string change_note{};
    std::string goal_title{};
    bool goal_measurable = true;
    std::string goal_metric{};
    double goal_baseline = 0, goal_target = 1;
    std::string goal_due{};
    double check_in_value = 0;
    bool check_in_has_value = true;
    std::string check_in_note{};
    std::string agenda{};
    std::string meeting_start{}; ///< YYYY-MM-DD HH:MM (UTC)
    int meeting_minutes = 45;
    std::string meeting_link{"https://meet.example/room"};
    int rating = 3;
    std::string rating_comment{};
    bool rating_shared = false;
    std::string note_text{};
    int note_visibility = 0; ///< Index into Visibility.
    int standard = 0;        ///< Checklist item being assessed.
    int assessment = 0;      ///< Index into Assessment.
    std::string evidence{};
    std::string match_start{}; ///< Accepted matches: planned start (empty: today).
    std::string match_end{};   ///< Planned end (empty: a year after the start).
};

/// Everything the relationship view shows, read once per change.
struct RelationshipData {
    Relationship rel{};
    std::vector<RelationshipEvent> history{};
    std::vector<Warning> warnings{};
    MeetingStats stats{};
    bool party = false;
    std::string hidden_reason{}; ///< Why the content is not shown (not a party).
    std::vector<AgreementVersion> versions{};
    std::vector<Misunderstanding> misunderstandings{};
    std::vector<Goal> goals{};
    std::vector<GoalReview> reviews{};             ///< Parallel to goals.
    std::vector<std::vector<CheckIn>> check_ins{}; ///< Parallel to goals.
    std::vector<GoalReviewRecord> review_history{};
    std::vector<CoachingCycle> cycles{};
    std::vector<SkillProgress> skills{};
    std::vector<ActionItem> actions{};
    std::vector<Meeting> meetings{};
    std::vector<std::vector<Note>> meeting_notes{}; ///< Parallel to meetings.
    std::vector<Note> notes{};                      ///< Notes on the relationship itself.
    std::vector<OfficeHoursSlot> slots{};           ///< The guide's slots serving it.
    std::vector<Occurrence> upcoming{};             ///< Their next occurrences.
    /// Who booked the upcoming occurrences, as the acting person may see it.
    std::vector<std::pair<OfficeHoursId, Booking>> bookings{};
};

/// Everything the programs view shows of the selected program, read once per change.
struct ProgramData {
    Program program{};
    EffectivenessReport effectiveness{};
    QualityReport quality{};
    std::vector<ProgramMentee> mentees{};
    std::vector<ProgramMentor> mentors{};
    std::vector<MarkedPair> marks{};
};

/// The client's state and panels.
class App {
public:
    /// Takes over an open store; `file` is shown in the title and remembered.
    App(Store store, Settings settings);
    /// Saves the window layout and detaches it from the ImGui context.
    ~App();
    App(const App&) = delete;
    App& operator=(const App&) = delete;

    /// Opens `file` (created when missing), or — with no file — the demo database in the user's
    /// data directory, created and filled on first run. Throws the core's errors.
    static Store open_store(const std::optional<std::filesystem::path>& file);
    /// The demo database's path ($XDG_DATA_HOME or ~/.local/share, then mentorkit/demo.db).
    static std::filesystem::path demo_path();

    /// Draws one frame of the whole client (between ImGui::NewFrame and ImGui::Render).
    void draw();

    // Used by main(), tests and the frame benchmark.
    Store& store() { return m_store; }
    PersonId acting() const { return m_acting; }
    void set_acting(PersonId person);
    void set_scope(DashboardScope scope);
    /// Selects a relationship (the relationship tab shows it).
    void select_relationship(RelationshipId id);
    /// The selected relationship, if any.
    std::optional<RelationshipId> selected() const { return m_selected; }
    /// The last matching run shown in the programs view, if any.
    const std::optional<MatchingResult>& matching() const { return m_match; }
    /// The tab shown.
    Tab tab() const { return m_tab; }
    /// Selects a relationship and switches to its tab.
    void open_relationship(RelationshipId id);
    void show(Tab tab);
    /// The last refusal shown to the user ("" when none is shown).
    const std::string& error() const { return m_error; }
    /// The last confirmation shown in the status bar.
    const std::string& status() const { return m_status; }
    /// Rows loaded in the dashboard, and rows left after its filters.
    std::size_t dashboard_size() const { return m_rows.size(); }
    std::size_t dashboard_visible() const { return m_order.size(); }
    /// The dashboard's text filter (names, focus).
    void set_filter(const std::string& text);
    RelationshipForm& relationship_form() { return m_rel_form; }
    PersonForm& person_form() { return m_person_form; }
    RelationshipInputs& inputs() { return m_in; }
    /// The client's settings (main() records the window size in them before exiting).
    Settings& settings() { return m_settings; }
    /// How many times the caches were rebuilt (the benchmark checks frames do not rebuild).
    int reloads() const { return m_reloads; }

private:
    // view_dashboard.cpp
    void draw_dashboard();
    void rebuild_order();
    // view_relationship.cpp
    void draw_relationship();
    void draw_overview();
    void draw_agreement();
    void draw_goals();
    void draw_coaching();
    void draw_meetings();
    void draw_office_hours();
    void load_relationship();
    // view_people.cpp
    void draw_people();
    // view_programs.cpp
    void draw_programs();
    void draw_effectiveness();
    void draw_quality();
    void draw_participants();
    void draw_matching();
    void load_program();
    // view_forms.cpp
    void draw_person_form();
    void draw_relationship_form();
    // app.cpp
    void draw_menu();
    void draw_status();
    void draw_error();
    void open_file(const std::filesystem::path& file);
    void ensure_loaded();
    void invalidate();

    /// Runs a change through the core: on success invalidates the caches and shows `done`;
    /// on a refusal shows the core's message. Never lets an exception escape a frame.
    template <typename F>
    bool act(const std::string& done, F&& change);
    void fail(const std::string& message);

    /// The person from the cached list (ordered by id), or null.
    const Person* person(PersonId id) const;
    std::string name_of(PersonId id) const;

    Store m_store;
    Settings m_settings;
    std::string m_ini;
    PersonId m_acting{};
    DashboardScope m_scope = DashboardScope::mine;
    Tab m_tab = Tab::dashboard;
    bool m_tab_requested = false;

    // Caches.
    bool m_dirty = true;
    int m_reloads = 0;
    std::vector<Person> m_people{};                    ///< By id.
    std::vector<std::vector<std::size_t>> m_reports{}; ///< Direct reports, by m_people index.
    std::vector<std::size_t> m_roots{};                ///< People without a supervisor.
    std::optional<PersonId> m_board_of{};              ///< Whose board m_board holds.
    std::vector<BoardSeat> m_board{};
    std::vector<DashboardRow> m_rows{};
    std::vector<std::uint32_t> m_order{};
    bool m_order_dirty = true;
    std::optional<RelationshipId> m_selected{};
    std::optional<RelationshipData> m_rel{};
    bool m_rel_dirty = true;
    std::size_t m_goal = 0;    ///< Selected goal in the relationship view.
    std::size_t m_meeting = 0; ///< Selected meeting.
    std::int64_t m_person = 0; ///< Selected person in the people view.
    std::string m_people_filter{};
    std::vector<Person> m_people_shown{}; ///< People matching the filter (flat list).
    std::string m_people_shown_for{};
    int m_people_shown_at = -1;

    // Dashboard filters and sort.
    std::string m_filter{};
    int m_model_filter = 0;  ///< 0: any, else Model + 1.
    int m_status_filter = 0; ///< 0: any, else Status + 1.
    int m_health_filter = 0; ///< 0: any, else Health + 1.
    bool m_alerts_only = false;
    int m_sort_column = 0;
    bool m_sort_descending = false;

    std::vector<Program> m_programs{};
    std::optional<ProgramId> m_program{};
    std::optional<ProgramData> m_prog{};
    bool m_prog_dirty = true;
    std::optional<MatchingResult> m_match{}; ///< The last matching run, until accepted.
    std::vector<char> m_match_selected{};    ///< Per proposal: accept it.

    RelationshipForm m_rel_form{};
    PersonForm m_person_form{};
    RelationshipInputs m_in{};
    std::string m_open_path{};

    std::string m_error{};
    bool m_error_popup = false;
    std::string m_status{};
};

template <typename F>
bool App::act(const std::string& done, F&& change) {
    try {
        change();
        invalidate();
        m_error.clear();
        m_status = done;
        return true;
    } catch (const Error& e) {
        fail(e.what());
    } catch (const std::exception& e) {
        fail(std::string("Unexpected error: ") + e.what());
    }
    invalidate(); // show what is stored, whatever the failed call touched
    return false;
}

} // namespace mentorkit::gui
