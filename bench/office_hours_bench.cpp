// Expanding 10,000 weekly office hours over one year (about 520,000 occurrences in four time
// zones, across both DST changes) with OfficeHours::all_occurrences: reads every slot, its skips
// and bookings, and expands exactly. Target: under 50 ms.
//
// The baseline, in the same run, is the straightforward expansion of the same rules: one full
// time-zone lookup (date::time_zone::to_sys) per occurrence; the core caches the zone's current
// period instead. The run fails unless both give the same instants.
//
// Prints: BENCH name=<id> value=<seconds> unit=s baseline=<seconds> ratio=<value/baseline>

#include <mentorkit/mentorkit.hpp>

#include <date/tz.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <unistd.h>
#include <vector>

namespace fs = std::filesystem;
using namespace mentorkit;
using namespace std::chrono;

namespace {

void fail(const std::string& what) {
    std::fprintf(stderr, "office_hours_bench: %s\n", what.c_str());
    std::exit(1);
}

double seconds_since(steady_clock::time_point t0) {
    return duration<double>(steady_clock::now() - t0).count();
}

const char* const kZones[] = {"Europe/London", "America/New_York", "Europe/Berlin", "Asia/Tokyo"};

} // namespace

int main(int argc, char** argv) {
    std::size_t n = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 10000;
    int repeats = argc > 2 ? std::atoi(argv[2]) : 5;
    if (n < 1 || repeats < 1)
        fail("usage: bench_office_hours [slots] [repeats]");
    fs::path dir = fs::temp_directory_path() / ("mentorkit-oh-" + std::to_string(getpid()));
    fs::create_directories(dir);
    const Date first = make_date(2026, 1, 1);
    const Timestamp from{sys_days{first}}, to{sys_days{make_date(2027, 1, 1)}};
    try {
        Store store = Store::open(dir / "oh.db");
        std::vector<NewOfficeHours> specs;
        {
            auto tx = store.begin();
            std::vector<PersonId> guides;
            for (std::size_t i = 0; i < n / 10 + 1; ++i)
                guides.push_back(store.people().create({"Guide " + std::to_string(i), 3}));
            for (std::size_t i = 0; i < n; ++i) {
                NewOfficeHours s;
                s.guide = guides[i % guides.size()];
                s.time_zone = kZones[i % 4];
                s.rule.weekdays = {weekday{static_cast<unsigned>(1 + i % 5)}};
                s.first_day = first;
                s.start = hours{8 + static_cast<int>(i % 10)} + minutes{30 * (i % 2)};
                s.duration_minutes = 30;
                store.office_hours().create(s);
                specs.push_back(s);
            }
            tx.commit();
        }
        double t_core = 1e9, t_naive = 1e9;
        std::vector<Occurrence> occ;
        std::vector<sys_seconds> naive;
        for (int r = 0; r < repeats; ++r) {
            auto t0 = steady_clock::now();
            occ = store.office_hours().all_occurrences(from, to);
            t_core = std::min(t_core, seconds_since(t0));

            t0 = steady_clock::now();
            naive.clear();
            for (const NewOfficeHours& s : specs) {
                const date::time_zone* zone = date::locate_zone(s.time_zone);
                Date d = first + (s.rule.weekdays[0] - weekday{first});
                for (; d < floor<days>(to); d += days{7}) {
                    date::local_seconds local{
                        duration_cast<seconds>(d.time_since_epoch() + s.start)};
                    naive.push_back(zone->to_sys(local, date::choose::earliest));
                }
            }
            t_naive = std::min(t_naive, seconds_since(t0));
        }
        if (occ.size() != naive.size())
            fail("occurrence counts differ: " + std::to_string(occ.size()) + " vs " +
                 std::to_string(naive.size()));
        std::vector<sys_seconds> core;
        for (const Occurrence& o : occ)
            core.push_back(time_point_cast<seconds>(o.start));
        std::sort(core.begin(), core.end());
        std::sort(naive.begin(), naive.end());
        if (core != naive)
            fail("the expansions differ");
        std::printf("BENCH name=office_hours_expand_%zuk_year value=%.4f unit=s baseline=%.4f "
                    "ratio=%.3f\n",
                    n / 1000, t_core, t_naive, t_core / t_naive);
    } catch (const Error& e) {
        fail(e.what());
    }
    fs::remove_all(dir);
    return 0;
}
