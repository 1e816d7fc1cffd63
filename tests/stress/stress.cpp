// Crash and concurrency tests across processes, run by CTest with bounded time:
//
//   mentorkit_stress crash DIR KILLS [SEED]       SIGKILL a writer at random points, KILLS times;
//                                                 every acknowledged change survives, each bulk
//                                                 transaction is there wholly or not at all
//   mentorkit_stress contention DIR WRITERS READERS OPS
//                                                 writer and reader processes on one file; no
//                                                 busy error, no lost write, the longest wait
//   mentorkit_stress first-open DIR PROCESSES ROUNDS
//                                                 PROCESSES processes create one new file at once
//
// Each prints one line "STRESS <test> key=value ..." with its figures and exits 0 when every
// check held. The child roles (crash-writer, writer, reader, opener) are the same binary.

#include <mentorkit/mentorkit.hpp>

#include <sqlite3.h>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

using namespace mentorkit;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

std::string self_path;

[[noreturn]] void fail(const std::string& why) {
    std::cerr << "mentorkit_stress: " << why << "\n";
    std::exit(1);
}

std::int64_t now_ns() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch())
        .count();
}

// Starts this binary with `args`; with `out` set, the child's stdout is a pipe read from *out.
pid_t spawn(const std::vector<std::string>& args, int* out = nullptr) {
    std::vector<char*> argv;
    std::string prog = self_path;
    argv.push_back(prog.data());
    std::vector<std::string> copy = args;
    for (std::string& a : copy)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    int fds[2] = {-1, -1};
    if (out) {
        if (::pipe(fds) != 0)
            fail("pipe failed");
        posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
        posix_spawn_file_actions_addclose(&actions, fds[0]);
    }
    pid_t pid = 0;
    int rc = posix_spawn(&pid, self_path.c_str(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0)
        fail("posix_spawn failed");
    if (out) {
        ::close(fds[1]);
        *out = fds[0];
    }
    return pid;
}

int wait_exit(pid_t pid) {
    int status = 0;
    if (::waitpid(pid, &status, 0) != pid)
        fail("waitpid failed");
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

std::string integrity(const fs::path& file) {
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK)
        fail("cannot open " + file.string());
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, nullptr);
    std::string result = "?";
    if (sqlite3_step(st) == SQLITE_ROW)
        result = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    sqlite3_close(db);
    return result;
}

std::map<std::string, int> names_in(Store& store) {
    std::map<std::string, int> out;
    for (const Person& p : store.people().list())
        ++out[p.name];
    return out;
}

NewPerson named(const std::string& name) {
    NewPerson p;
    p.name = name;
    p.level = 1;
    return p;
}

// --- crash -------------------------------------------------------------------------------------

// Writes until killed: single creates and bulk transactions of 20, each acknowledged on stdout
// ("S name" or "B tag") only once its commit returned.
int crash_writer(const fs::path& file, const std::string& prefix) {
    Store store = Store::open(file);
    std::printf("ready\n");
    std::fflush(stdout);
    for (int i = 0;; ++i) {
        if (i % 3 == 2) {
            std::string tag = prefix + "-b" + std::to_string(i);
            auto tx = store.begin();
            for (int k = 0; k < 20; ++k)
                store.people().create(named(tag + "-" + std::to_string(k)));
            tx.commit();
            std::printf("B %s\n", tag.c_str());
        } else {
            std::string name = prefix + "-s" + std::to_string(i);
            store.people().create(named(name));
            std::printf("S %s\n", name.c_str());
        }
        std::fflush(stdout);
    }
}

int crash(const fs::path& dir, int kills, unsigned seed) {
    fs::create_directories(dir);
    fs::path file = dir / "crash.mentorkit";
    fs::remove(file);
    { Store init = Store::open(file); }
    std::mt19937 rng(seed);
    std::set<std::string> singles, bulks;
    long acknowledged = 0;
    for (int k = 0; k < kills; ++k) {
        int fd = -1;
        pid_t pid = spawn({"crash-writer", file.string(), "k" + std::to_string(k)}, &fd);
        FILE* in = ::fdopen(fd, "r");
        char line[512];
        if (!std::fgets(line, sizeof line, in) || std::strcmp(line, "ready\n") != 0)
            fail("the writer did not start");
        // Let it write for a random while, then kill it wherever it is.
        ::fcntl(fd, F_SETFL, O_NONBLOCK);
        auto deadline = Clock::now() + std::chrono::microseconds(
                                           std::uniform_int_distribution<int>(500, 40000)(rng));
        std::string pending;
        auto drain = [&] {
            char buf[4096];
            ssize_t n;
            while ((n = ::read(fd, buf, sizeof buf)) > 0)
                pending.append(buf, static_cast<std::size_t>(n));
        };
        while (Clock::now() < deadline) {
            drain();
            std::this_thread::sleep_for(std::chrono::microseconds(200));
        }
        ::kill(pid, SIGKILL);
        wait_exit(pid);
        drain();
        std::fclose(in);
        // Only complete lines are acknowledgements.
        std::istringstream lines(pending);
        std::string l;
        while (std::getline(lines, l)) {
            if (lines.eof() && !pending.empty() && pending.back() != '\n')
                break;
            if (l.size() > 2 && l[0] == 'S')
                singles.insert(l.substr(2));
            else if (l.size() > 2 && l[0] == 'B')
                bulks.insert(l.substr(2));
            else
                continue;
            ++acknowledged;
        }
    }
    if (integrity(file) != "ok")
        fail("integrity_check failed after the kills");
    Store store = Store::open(file);
    auto names = names_in(store);
    long lost = 0, partial = 0;
    for (const std::string& s : singles)
        if (!names.count(s))
            ++lost;
    for (const std::string& b : bulks)
        for (int k = 0; k < 20; ++k)
            if (!names.count(b + "-" + std::to_string(k)))
                ++lost;
    // A bulk transaction that was not acknowledged is there wholly or not at all.
    std::map<std::string, int> per_bulk;
    for (const auto& [name, n] : names) {
        auto dash = name.rfind('-');
        if (name.find("-b") != std::string::npos && dash != std::string::npos)
            per_bulk[name.substr(0, dash)] += n;
    }
    for (const auto& [tag, n] : per_bulk)
        if (n != 20)
            ++partial;
    std::cout << "STRESS crash kills=" << kills << " seed=" << seed
              << " acknowledged=" << acknowledged << " people=" << store.people().count()
              << " lost=" << lost << " partial_transactions=" << partial << " integrity=ok\n";
    return lost == 0 && partial == 0 ? 0 : 1;
}

// --- contention --------------------------------------------------------------------------------

// Writes `ops` changes (a person created, then renamed) and reports "W busy=N max_wait_ms=X".
int writer(const fs::path& file, const std::string& prefix, int ops) {
    Store store = Store::open(file);
    int busy = 0;
    double max_wait = 0;
    for (int i = 0; i < ops; ++i) {
        auto t0 = Clock::now();
        try {
            auto tx = store.begin();
            PersonId id = store.people().create(named(prefix + "-" + std::to_string(i)));
            store.people().set_level(id, 2);
            tx.commit();
        } catch (const StorageError& e) {
            if (e.sqlite_code() == SQLITE_BUSY)
                ++busy;
            else
                throw;
        }
        max_wait = std::max(max_wait,
                            std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    }
    std::printf("W busy=%d max_wait_ms=%.1f\n", busy, max_wait);
    return 0;
}

// Reads until `stop_file` exists; reports "R reads=N errors=E".
int reader(const fs::path& file, const fs::path& stop_file) {
    Store store = Store::open(file);
    long reads = 0, errors = 0;
    while (!fs::exists(stop_file)) {
        try {
            auto people = store.people().list();
            auto rels = store.relationships().list();
            (void)rels;
            if (people.empty() && reads > 1000)
                ++errors;
            ++reads;
        } catch (const Error&) {
            ++errors;
        }
    }
    std::printf("R reads=%ld errors=%ld\n", reads, errors);
    return 0;
}

int contention(const fs::path& dir, int writers, int readers, int ops) {
    fs::create_directories(dir);
    fs::path file = dir / "contention.mentorkit";
    fs::path stop = dir / "stop";
    fs::remove(file);
    fs::remove(stop);
    {
        Store init = Store::open(file);
        init.people().create(named("seed"));
    }
    std::vector<std::pair<pid_t, int>> children;
    for (int r = 0; r < readers; ++r) {
        int fd = -1;
        pid_t pid = spawn({"reader", file.string(), stop.string()}, &fd);
        children.push_back({pid, fd});
    }
    std::vector<std::pair<pid_t, int>> writer_children;
    for (int w = 0; w < writers; ++w) {
        int fd = -1;
        pid_t pid =
            spawn({"writer", file.string(), "w" + std::to_string(w), std::to_string(ops)}, &fd);
        writer_children.push_back({pid, fd});
    }
    auto read_all = [](int fd) {
        std::string s;
        char buf[1024];
        ssize_t n;
        while ((n = ::read(fd, buf, sizeof buf)) > 0)
            s.append(buf, static_cast<std::size_t>(n));
        ::close(fd);
        return s;
    };
    int busy = 0, failures = 0;
    double max_wait = 0;
    for (auto [pid, fd] : writer_children) {
        std::string out = read_all(fd);
        if (wait_exit(pid) != 0)
            ++failures;
        int b = 0;
        double wait = 0;
        if (std::sscanf(out.c_str(), "W busy=%d max_wait_ms=%lf", &b, &wait) != 2)
            ++failures;
        busy += b;
        max_wait = std::max(max_wait, wait);
    }
    {
        std::FILE* f = std::fopen(stop.c_str(), "w");
        std::fclose(f);
    }
    long reads = 0, read_errors = 0;
    for (auto [pid, fd] : children) {
        std::string out = read_all(fd);
        if (wait_exit(pid) != 0)
            ++failures;
        long r = 0, e = 0;
        if (std::sscanf(out.c_str(), "R reads=%ld errors=%ld", &r, &e) != 2)
            ++failures;
        reads += r;
        read_errors += e;
    }
    Store store = Store::open(file);
    long expected = 1 + static_cast<long>(writers) * ops;
    long people = store.people().count();
    std::cout << "STRESS contention writers=" << writers << " readers=" << readers
              << " writes=" << writers * ops << " busy_errors=" << busy
              << " max_write_wait_ms=" << max_wait << " reads=" << reads
              << " read_errors=" << read_errors << " people=" << people << "/" << expected
              << " failed_processes=" << failures << "\n";
    return busy == 0 && read_errors == 0 && failures == 0 && people == expected &&
                   integrity(file) == "ok"
               ? 0
               : 1;
}

// --- first open --------------------------------------------------------------------------------

// Waits for the start instant, opens (creating) the file and adds one person.
int opener(const fs::path& file, std::int64_t start_ns, const std::string& name) {
    while (now_ns() < start_ns)
        std::this_thread::yield();
    try {
        Store store = Store::open(file);
        store.people().create(named(name));
    } catch (const Error& e) {
        std::fprintf(stderr, "open failed: %s\n", e.what());
        return 1;
    }
    return 0;
}

int first_open(const fs::path& dir, int processes, int rounds) {
    fs::create_directories(dir);
    int failed = 0;
    for (int round = 0; round < rounds; ++round) {
        fs::path file = dir / ("race-" + std::to_string(round) + ".mentorkit");
        for (const char* suffix : {"", "-wal", "-shm", "-journal"})
            fs::remove(file.string() + suffix);
        std::int64_t start = now_ns() + 150'000'000; // all spawned by then
        std::vector<pid_t> pids;
        for (int p = 0; p < processes; ++p)
            pids.push_back(
                spawn({"opener", file.string(), std::to_string(start), "p" + std::to_string(p)}));
        int bad = 0;
        for (pid_t pid : pids)
            if (wait_exit(pid) != 0)
                ++bad;
        Store store = Store::open(file);
        if (store.people().count() != processes)
            ++bad;
        if (bad)
            ++failed;
    }
    std::cout << "STRESS first-open processes=" << processes << " rounds=" << rounds
              << " failed_rounds=" << failed << "\n";
    return failed == 0 ? 0 : 1;
}

} // namespace

int main(int argc, char** argv) {
    self_path = fs::canonical("/proc/self/exe").string();
    std::vector<std::string> a(argv + 1, argv + argc);
    auto need = [&](std::size_t n) {
        if (a.size() < n)
            fail("usage: see the comment at the top of tests/stress/stress.cpp");
    };
    need(1);
    try {
        const std::string& mode = a[0];
        if (mode == "crash") {
            need(3);
            unsigned seed =
                a.size() > 3 ? static_cast<unsigned>(std::stoul(a[3])) : std::random_device{}();
            return crash(a[1], std::stoi(a[2]), seed);
        }
        if (mode == "crash-writer") {
            need(3);
            return crash_writer(a[1], a[2]);
        }
        if (mode == "contention") {
            need(5);
            return contention(a[1], std::stoi(a[2]), std::stoi(a[3]), std::stoi(a[4]));
        }
        if (mode == "writer") {
            need(4);
            return writer(a[1], a[2], std::stoi(a[3]));
        }
        if (mode == "reader") {
            need(3);
            return reader(a[1], a[2]);
        }
        if (mode == "first-open") {
            need(4);
            return first_open(a[1], std::stoi(a[2]), std::stoi(a[3]));
        }
        if (mode == "opener") {
            need(4);
            return opener(a[1], std::stoll(a[2]), a[3]);
        }
        fail("unknown mode " + mode);
    } catch (const std::exception& e) {
        fail(e.what());
    }
}
