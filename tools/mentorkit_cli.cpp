// mentorkit: a command-line front end over the core (the desktop client's little sibling).
//
//   mentorkit demo FILE         creates the demo program in a new database file
//   mentorkit report FILE       people, relationships, agreements, boards and warnings
//   mentorkit audit FILE [N]    the last N entries of the audit log (default 20)

#include <mentorkit/mentorkit.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <string>

using namespace mentorkit;

namespace {

// Pads to a width in code points (printf's widths count bytes, which breaks non-ASCII names).
std::string pad(const std::string& text, std::size_t width) {
    std::size_t points = 0;
    for (unsigned char c : text)
        points += (c & 0xC0) != 0x80;
    return points >= width ? text : text + std::string(width - points, ' ');
}

int usage() {
    std::fprintf(stderr, "usage:\n"
                         "  mentorkit demo FILE        create the demo program in a new file\n"
                         "  mentorkit report FILE      print people, relationships and warnings\n"
                         "  mentorkit audit FILE [N]   print the last N audit entries\n");
    return 2;
}

std::string agreement_state(Agreements& agreements, RelationshipId id) {
    AgreementVersion latest = agreements.current(id);
    auto in_force = agreements.in_force(id);
    std::string s = "v";
    s += std::to_string(latest.number);
    s += ' ';
    s += to_string(latest.state);
    if (in_force && in_force->number != latest.number) {
        s += " (v";
        s += std::to_string(in_force->number);
        s += " in force)";
    }
    return s;
}

int report(Store& store) {
    std::map<PersonId, Person> people;
    for (Person& p : store.people().list())
        people.emplace(p.id, std::move(p));
    auto name = [&](PersonId id) {
        auto it = people.find(id);
        return it == people.end() ? std::string("?") : it->second.name;
    };

    std::printf("People (%zu)\n", people.size());
    for (const auto& [id, p] : people) {
        std::string expertise;
        for (const Expertise& e : p.expertise)
            expertise += (expertise.empty() ? "" : ", ") + e.area + " " + std::to_string(e.level);
        std::printf("  #%-3lld L%d  %s supervisor: %s %s\n", static_cast<long long>(raw(id)),
                    p.level, pad(p.name, 30).c_str(),
                    pad(p.supervisor ? name(*p.supervisor) : "-", 28).c_str(), expertise.c_str());
    }

    auto rels = store.relationships().list();
    std::printf("\nRelationships (%zu)\n", rels.size());
    for (const Relationship& r : rels) {
        std::string kind(to_string(r.model));
        if (r.style) {
            kind += '/';
            kind += to_string(*r.style);
        }
        std::printf("  #%-3lld %-22s %-10s %-9s %s -> %s on %s; agreement %s\n",
                    static_cast<long long>(raw(r.id)), kind.c_str(),
                    std::string(to_string(r.formality)).c_str(),
                    std::string(to_string(r.status)).c_str(), name(r.guide).c_str(),
                    name(r.learner).c_str(), r.focus.c_str(),
                    agreement_state(store.agreements(), r.id).c_str());
        if (r.end_reason)
            std::printf("        %s on %s: %s\n", std::string(to_string(r.status)).c_str(),
                        r.ended_on ? to_string(*r.ended_on).c_str() : "?", r.end_reason->c_str());
        MeetingStats ms = store.meetings().stats(r.id);
        if (ms.planned > 0 || ms.health) {
            std::printf("        meetings: %d held of %d planned, %d cancelled, %d missed, "
                        "longest gap %d days, last held %s",
                        ms.held, ms.planned, ms.cancelled_by_guide + ms.cancelled_by_learner,
                        ms.no_show_guide + ms.no_show_learner, ms.longest_gap_days,
                        ms.last_held ? to_string(*ms.last_held).c_str() : "never");
            if (ms.health)
                std::printf("; health: %s (cadence %d days)",
                            std::string(to_string(*ms.health)).c_str(), ms.cadence_days);
            std::printf("\n");
        }
        for (const Warning& w : store.relationships().warnings(r.id))
            std::printf("        ! %s\n", w.message.c_str());
        auto reviews = store.goals().reviews(r.id);
        for (const Goal& g : store.goals().list(r.id)) {
            auto rv = std::find_if(reviews.begin(), reviews.end(),
                                   [&](const GoalReview& x) { return x.goal == g.id; });
            std::string line =
                "        goal: " + g.title + " [" + std::string(to_string(g.status)) + "]";
            if (rv != reviews.end() && rv->progress) {
                char buf[96];
                std::snprintf(buf, sizeof buf, " progress %.0f%%", *rv->progress * 100);
                line += buf;
                if (rv->trend_per_week) {
                    std::snprintf(buf, sizeof buf, ", trend %+.2f %s/week", *rv->trend_per_week,
                                  g.measure->unit.c_str());
                    line += buf;
                }
            }
            if (rv != reviews.end() && rv->forecast) {
                line += ", ";
                line += to_string(*rv->forecast);
            }
            std::printf("%s\n", line.c_str());
        }
    }

    std::printf("\nOffice hours\n");
    for (const auto& [id, p] : people) {
        for (const OfficeHoursSlot& slot : store.office_hours().list(id)) {
            auto next = store.office_hours().occurrences(slot.id, store.now(),
                                                         store.now() + std::chrono::days{22});
            std::printf("  %s, %s, %s, %d min, capacity %d; next:", p.name.c_str(),
                        slot.spec.time_zone.c_str(),
                        std::string(to_string(slot.spec.rule.kind)).c_str(),
                        slot.spec.duration_minutes, slot.spec.capacity);
            for (const Occurrence& o : next)
                std::printf(" %sZ (%d booked)", to_string(o.start).substr(0, 16).c_str(), o.booked);
            std::printf("\n");
        }
    }

    std::printf("\nBoards of advisors (mentor by committee)\n");
    for (const auto& [id, p] : people) {
        auto board = store.relationships().board(id);
        if (board.size() < 2)
            continue;
        std::printf("  %s\n", p.name.c_str());
        for (const BoardSeat& seat : board)
            std::printf("    %-20s %s (%s)\n", seat.focus.c_str(), name(seat.guide).c_str(),
                        std::string(to_string(seat.model)).c_str());
    }
    return 0;
}

int audit(Store& store, std::int64_t n) {
    std::int64_t total = store.audit().count();
    AuditFilter f;
    f.after_id = total > n ? total - n : 0;
    f.limit = n;
    for (const AuditEntry& e : store.audit().entries(f))
        std::printf("%6lld %s %-16s %-13s #%-5lld by %-5s %s\n", static_cast<long long>(e.id),
                    to_string(e.at).c_str(), e.action.c_str(), e.entity.c_str(),
                    static_cast<long long>(e.entity_id),
                    e.actor ? std::string("#").append(std::to_string(raw(*e.actor))).c_str()
                            : "admin",
                    e.detail.c_str());
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 3)
        return usage();
    std::string command = argv[1];
    std::filesystem::path file = argv[2];
    try {
        if (command == "demo") {
            if (std::filesystem::exists(file) && std::filesystem::file_size(file) > 0) {
                std::fprintf(stderr, "error: %s already exists; the demo goes into a new file\n",
                             file.c_str());
                return 1;
            }
            Store store = Store::open(file);
            populate_demo(store, store.today());
            std::printf("demo program written to %s (%lld people, %zu relationships)\n",
                        file.c_str(), static_cast<long long>(store.people().count()),
                        store.relationships().list().size());
            return 0;
        }
        if (command == "report" || command == "audit") {
            if (!std::filesystem::exists(file)) {
                std::fprintf(stderr, "error: %s does not exist\n", file.c_str());
                return 1;
            }
            Store store = Store::open(file);
            if (command == "report")
                return report(store);
            long long n = argc > 3 ? std::atoll(argv[3]) : 20;
            if (n < 1 || n > 100000) {
                std::fprintf(stderr, "error: N must be between 1 and 100000\n");
                return 2;
            }
            return audit(store, n);
        }
    } catch (const Error& e) {
        std::fprintf(stderr, "error: %s\n", e.what());
        return 1;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "error: %s\n", e.what());
        return 1;
    }
    return usage();
}
