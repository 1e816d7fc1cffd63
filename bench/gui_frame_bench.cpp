// CPU time per frame of the desktop client's dashboard with 10,000 relationships, headless
// (ImGui context, no window, no GPU), while the table scrolls. Baseline, in the same run: the
// same rows drawn by a straightforward ImGui table with no list clipping and no cached order
// (every cell of every row, every frame).
//
//   bench_gui_frame [RELATIONSHIPS] [FRAMES]
//
// Prints BENCH lines (value and baseline in milliseconds per frame).

#include <app.hpp>
#include <headless.hpp>

#include <imgui.h>

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <memory>
#include <string>

using namespace mentorkit;

namespace {

double cpu_seconds() {
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

Date day(int y, unsigned m, unsigned d) {
    return make_date(y, m, d);
}

// A program of `n` active mentoring relationships: n/5 mentors, n mentees, one held meeting and
// one measurable goal with two check-ins each.
PersonId populate(Store& store, int n) {
    // The store keeps the clock after this function returns: it owns the time it reads.
    auto clock = std::make_shared<Timestamp>(Timestamp{day(2024, 1, 10)});
    store.set_clock([clock] { return *clock; });
    Timestamp& now = *clock;
    auto tx = store.begin();
    PersonId coordinator = store.people().create({"Coordinator", 9});
    const int mentors = std::max(1, n / 5);
    std::vector<PersonId> guide;
    for (int i = 0; i < mentors; ++i)
        guide.push_back(store.people().create(
            {"Mentor " + std::to_string(i), 3, {}, {}, {}, {{"research", 4}}}));
    std::vector<RelationshipId> rels;
    for (int i = 0; i < n; ++i) {
        PersonId mentee = store.people().create(
            {"Mentee " + std::to_string(i), 1, {}, {}, {}, {{"research", 1}}});
        NewRelationship r;
        r.model = Model::mentoring;
        r.guide = guide[static_cast<std::size_t>(i % mentors)];
        r.learner = mentee;
        r.focus = i % 3 ? "research" : "writing";
        r.start = day(2024, 1, 15);
        r.proposed_by = r.guide;
        RelationshipId id = store.relationships().propose(r);
        store.relationships().accept(id, mentee, day(2024, 1, 15));
        rels.push_back(id);
    }
    now = Timestamp{day(2024, 3, 1)};
    for (int i = 0; i < n; ++i) {
        const Relationship r = store.relationships().get(rels[static_cast<std::size_t>(i)]);
        NewMeeting m;
        m.relationship = r.id;
        m.by = r.learner;
        m.start =
            Timestamp{day(2024, 2, 1 + static_cast<unsigned>(i % 20))} + std::chrono::hours{12};
        m.link = "https://meet.example/" + std::to_string(i);
        store.meetings().mark_held(store.meetings().schedule(m), r.learner);
        NewGoal g;
        g.relationship = r.id;
        g.title = "Submit papers";
        g.measure = Measure{"papers", "papers", 0, 4};
        g.due = day(2024, 9, 1);
        g.by = r.learner;
        g.on = day(2024, 1, 20);
        GoalId goal = store.goals().create(g);
        store.goals().activate(goal, r.learner, day(2024, 1, 20));
        store.goals().check_in(goal, r.learner, day(2024, 2, 1), 1.0 * (i % 2));
        store.goals().check_in(goal, r.learner, day(2024, 2, 20), 1.0 + (i % 3));
    }
    tx.commit();
    return coordinator;
}

// The baseline: every row, every cell, every frame.
void naive_table(const std::vector<DashboardRow>& rows) {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->WorkPos);
    ImGui::SetNextWindowSize(vp->WorkSize);
    ImGui::Begin("naive", nullptr, ImGuiWindowFlags_NoDecoration);
    if (ImGui::BeginTable("rows", 8, ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg)) {
        for (const DashboardRow& r : rows) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::Text("%lld", static_cast<long long>(raw(r.id)));
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(r.guide_name.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(r.learner_name.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(to_string(r.model).data());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(to_string(r.status).data());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(r.focus.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(r.health ? to_string(*r.health).data() : "");
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(to_string(r.agreement).data());
        }
        ImGui::EndTable();
    }
    ImGui::End();
}

} // namespace

int main(int argc, char** argv) {
    const int n = argc > 1 ? std::atoi(argv[1]) : 10000;
    const int frames = argc > 2 ? std::atoi(argv[2]) : 600;
    if (n < 1 || frames < 10) {
        std::fprintf(stderr, "usage: bench_gui_frame [RELATIONSHIPS >= 1] [FRAMES >= 10]\n");
        return 2;
    }
    Store store = Store::open_memory();
    const double t0 = cpu_seconds();
    PersonId coordinator = populate(store, n);
    const double t1 = cpu_seconds();
    std::vector<DashboardRow> rows = load_dashboard(store, coordinator, DashboardScope::all);
    const double t2 = cpu_seconds();
    std::fprintf(stderr, "populated %d relationships in %.2f s; dashboard loaded in %.3f s\n", n,
                 t1 - t0, t2 - t1);

    gui::Headless ui(1440, 900);
    ImGuiIO& io = ImGui::GetIO();
    gui::App app(std::move(store), gui::Settings{});
    app.set_acting(coordinator);
    app.set_scope(DashboardScope::all);
    ui.frames(app, 3); // load and lay out
    if (app.dashboard_size() != static_cast<std::size_t>(n)) {
        std::fprintf(stderr, "the dashboard shows %zu rows, expected %d\n", app.dashboard_size(),
                     n);
        return 1;
    }
    const int reloads = app.reloads();
    io.MousePos = ImVec2(700, 450); // over the table: the wheel scrolls it
    const double a = cpu_seconds();
    for (int i = 0; i < frames; ++i) {
        io.MouseWheel = (i / 100) % 2 ? 3.0f : -3.0f; // down, then up again
        ui.frame(app);
    }
    const double client_ms = (cpu_seconds() - a) * 1000 / frames;
    const int vertices = ui.vertices();
    io.MouseWheel = 0;
    std::fprintf(stderr, "last frame: %d vertices, %zu rows shown of %zu\n", vertices,
                 app.dashboard_visible(), app.dashboard_size());
    if (vertices < 4000) { // about 40 rows of 13 cells: the table was drawn
        std::fprintf(stderr, "the dashboard was not drawn\n");
        return 1;
    }
    if (app.reloads() != reloads) {
        std::fprintf(stderr, "frames reloaded the data (%d times)\n", app.reloads() - reloads);
        return 1;
    }

    const int naive_frames = std::max(10, frames / 20);
    ImGui::NewFrame();
    naive_table(rows);
    ImGui::Render();
    const double b = cpu_seconds();
    for (int i = 0; i < naive_frames; ++i) {
        ImGui::NewFrame();
        naive_table(rows);
        ImGui::Render();
    }
    const double naive_ms = (cpu_seconds() - b) * 1000 / naive_frames;

    std::printf("BENCH name=gui_dashboard_frame_%dk value=%.4f unit=ms baseline=%.4f ratio=%.4f\n",
                n / 1000, client_ms, naive_ms, client_ms / naive_ms);
    std::fflush(stdout);
    return 0;
}
