// mentorkit: a command-line front end over the core (the desktop client's little sibling).
//
//   mentorkit demo FILE         creates the demo program in a new database file
//   mentorkit report FILE       people, relationships, agreements, boards and warnings
//   mentorkit audit FILE --as PERSON_ID [N]
//                               the last N audit entries that person may see (default 20)
//   mentorkit repair FILE       restores the triggers and indexes of a store refused as tampered
//   mentorkit verify FILE       checks the operations log's hash chain, and that the state
//                               follows from the log (a replay gives the same rows)
//   mentorkit personal FILE --name NAME [--key KEYFILE]
//                               creates a personal store for NAME with this device's key: the
//                               key file (default FILE.key) is read when it exists, else made
//   mentorkit identity FILE     whose store it is, and its device key's fingerprint

#include <mentorkit/mentorkit.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
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
                         "  mentorkit audit FILE --as PERSON_ID [N]\n"
                         "                             print the last N audit entries that person "
                         "may see\n"
                         "  mentorkit repair FILE      restore the protections of a store refused "
                         "as tampered\n"
                         "  mentorkit verify FILE      check the operations log and that the state "
                         "follows from it (exit 1 if not)\n"
                         "  mentorkit personal FILE --name NAME [--key KEYFILE]\n"
                         "                             create NAME's personal store; the key file "
                         "(default FILE.key) is read if it exists, else made\n"
                         "  mentorkit identity FILE    print whose store it is and its key's "
                         "fingerprint\n");
    return 2;
}

// The agreement's version numbers and states, read as the learner (a party: agreements are read
// through an acting person); no clause text is printed.
std::string agreement_state(Agreements& agreements, const Relationship& r) {
    std::vector<AgreementVersion> versions = agreements.versions(r.id, r.learner);
    const AgreementVersion& latest = versions.back();
    const AgreementVersion* in_force = nullptr;
    for (const AgreementVersion& v : versions)
        if (v.state == AgreementState::in_force)
            in_force = &v;
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

    // Goal reviews of the whole store, sorted by relationship (order[i] is the row of the i-th).
    GoalReviewColumns goals = export_goal_reviews(store);
    std::vector<std::size_t> order(goals.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return goals.relationship[a] < goals.relationship[b];
    });
    std::vector<std::int64_t> goal_rels;
    for (std::size_t i : order)
        goal_rels.push_back(goals.relationship[i]);

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
                    agreement_state(store.agreements(), r).c_str());
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
        // Goals are the pair's content: the report counts them by status and forecast from the
        // store-wide aggregate (no titles), the way a program coordinator sees them.
        auto [first, last] = std::equal_range(goal_rels.begin(), goal_rels.end(), raw(r.id));
        if (first != last) {
            std::map<std::string, int> by_status, by_forecast;
            for (auto it = first; it != last; ++it) {
                std::size_t i = static_cast<std::size_t>(it - goal_rels.begin());
                ++by_status[std::string(
                    to_string(static_cast<GoalStatus>(goals.status[order[i]])))];
                if (goals.forecast[order[i]] != no_code)
                    ++by_forecast[std::string(
                        to_string(static_cast<Forecast>(goals.forecast[order[i]])))];
            }
            std::string line = "        goals:";
            for (const auto& [status, n] : by_status)
                line += " " + std::to_string(n) + " " + status;
            if (!by_forecast.empty()) {
                line += "; forecast:";
                for (const auto& [forecast, n] : by_forecast)
                    line += " " + std::to_string(n) + " " + forecast;
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

int audit(Store& store, PersonId acting, std::int64_t n) {
    // The log is read through a person: page through what they may see and keep the last n.
    std::deque<AuditEntry> last;
    AuditFilter f;
    f.limit = 10000;
    for (;;) {
        std::vector<AuditEntry> page = store.audit().entries(acting, f);
        for (AuditEntry& e : page) {
            last.push_back(std::move(e));
            if (static_cast<std::int64_t>(last.size()) > n)
                last.pop_front();
        }
        if (static_cast<std::int64_t>(page.size()) < f.limit)
            break;
        f.after_id = last.back().id;
    }
    for (const AuditEntry& e : last)
        std::printf("%6lld %s %-16s %-13s #%-5lld by %-5s %s\n", static_cast<long long>(e.id),
                    to_string(e.at).c_str(), e.action.c_str(), e.entity.c_str(),
                    static_cast<long long>(e.entity_id),
                    e.actor ? std::string("#").append(std::to_string(raw(*e.actor))).c_str()
                            : "admin",
                    e.detail.c_str());
    return 0;
}

// mentorkit personal FILE --name NAME [--key KEYFILE]
int personal(const std::filesystem::path& file, int argc, char** argv) {
    std::optional<std::string> name;
    std::filesystem::path key_path = key_file::beside(file);
    for (int i = 3; i < argc; ++i) {
        std::string arg = argv[i];
        if (arg == "--name" && i + 1 < argc) {
            name = argv[++i];
        } else if (arg == "--key" && i + 1 < argc) {
            key_path = argv[++i];
        } else {
            std::fprintf(stderr,
                         "error: unexpected '%s': mentorkit personal FILE --name NAME "
                         "[--key KEYFILE]\n",
                         arg.c_str());
            return 2;
        }
    }
    if (!name) {
        std::fprintf(stderr, "error: whose store is it? mentorkit personal FILE --name NAME\n");
        return 2;
    }
    std::error_code ec;
    const bool existing_key = std::filesystem::exists(key_path, ec);
    auto key = std::make_shared<const SigningKey>(existing_key ? key_file::read(key_path)
                                                               : SigningKey::generate());
    NewPerson owner;
    owner.name = *name;
    Store store = Store::create_personal(file, owner, key);
    if (!existing_key)
        key_file::create(key_path, *key);
    std::printf("%s: %s's personal store\nkey: %s (%s, readable by you only)\n"
                "fingerprint: %s\n",
                file.c_str(), store.people().get(*store.identity().owner()).name.c_str(),
                key_path.c_str(), existing_key ? "read" : "made",
                key->public_key().fingerprint().c_str());
    return 0;
}

int identity(const std::filesystem::path& file) {
    if (!std::filesystem::exists(file)) {
        std::fprintf(stderr, "error: %s does not exist\n", file.c_str());
        return 1;
    }
    Store store = Store::open(file);
    Identity& id = store.identity();
    if (!id.is_personal()) {
        std::printf("%s: a shared file (no owner; it acts as anyone, and nothing in it is "
                    "signed)\n",
                    file.c_str());
        return 0;
    }
    std::printf("%s: %s's personal store\nfingerprint: %s\n", file.c_str(),
                store.people().get(*id.owner()).name.c_str(),
                id.device_key()->fingerprint().c_str());
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
        if (command == "personal")
            return personal(file, argc, argv);
        if (command == "identity")
            return identity(file);
        if (command == "repair") {
            RepairReport done = Store::repair(file);
            if (done.actions.empty())
                std::printf("%s: nothing to repair\n", file.c_str());
            for (const std::string& a : done.actions)
                std::printf("%s\n", a.c_str());
            return 0;
        }
        if (command == "verify") {
            VerifyReport v = Store::verify(file);
            if (v.ok()) {
                std::printf("%s: %lld entries of the operations log verify, and the state "
                            "follows from them\n",
                            file.c_str(), static_cast<long long>(v.checked));
                return 0;
            }
            if (v.first_broken) {
                std::printf("%s: entry %lld of the operations log does not verify: %s "
                            "(%lld entries checked)\n",
                            file.c_str(), static_cast<long long>(*v.first_broken),
                            v.problem.c_str(), static_cast<long long>(v.checked));
                return 1;
            }
            std::string tables;
            for (const std::string& t : v.state_differs)
                tables += (tables.empty() ? "" : ", ") + t;
            std::printf("%s: the log verifies (%lld entries) but the state does not follow from "
                        "it: rows of %s were changed behind the store's back\n",
                        file.c_str(), static_cast<long long>(v.checked), tables.c_str());
            return 1;
        }
        if (command == "report" || command == "audit") {
            if (!std::filesystem::exists(file)) {
                std::fprintf(stderr, "error: %s does not exist\n", file.c_str());
                return 1;
            }
            Store store = Store::open(file);
            if (command == "report")
                return report(store);
            if (argc < 5 || std::string(argv[3]) != "--as") {
                std::fprintf(stderr, "error: the audit log is read through a person: "
                                     "mentorkit audit FILE --as PERSON_ID [N]\n");
                return 2;
            }
            char* end = nullptr;
            long long who = std::strtoll(argv[4], &end, 10);
            if (end == argv[4] || *end != '\0' || who < 1) {
                std::fprintf(stderr,
                             "error: PERSON_ID must be a person's id (a positive number)\n");
                return 2;
            }
            long long n = argc > 5 ? std::atoll(argv[5]) : 20;
            if (n < 1 || n > 100000) {
                std::fprintf(stderr, "error: N must be between 1 and 100000\n");
                return 2;
            }
            return audit(store, PersonId{who}, n);
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
