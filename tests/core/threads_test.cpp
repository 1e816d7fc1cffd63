// Threads: each with its own Store on one file (the way Python threads use several stores, and
// the core's process-wide state: the expected schema, the error category), and several threads
// on one Store serialised by a mutex (the way the Python binding runs calls without the GIL).
// The ThreadSanitizer build of scripts/test runs these.

#include "fixtures.hpp"

#include <mutex>
#include <thread>

using namespace mentorkit;
using namespace mk_test;

TEST_CASE("Threads with a store each write to one file without losing a change", "[threads]") {
    TempDir dir;
    auto file = dir.file("threads.mentorkit");
    constexpr int kThreads = 4, kChanges = 40;
    std::vector<std::thread> threads;
    std::atomic<int> failures{0};
    for (int t = 0; t < kThreads; ++t)
        threads.emplace_back([&, t] {
            try {
                Store store = Store::open(file); // all open at once: one migrates, all verify
                for (int i = 0; i < kChanges; ++i) {
                    auto tx = store.begin();
                    NewPerson p;
                    p.name = "t" + std::to_string(t) + "-" + std::to_string(i);
                    PersonId id = store.people().create(p);
                    store.people().set_level(id, 2);
                    tx.commit();
                    (void)store.people().list();
                }
            } catch (const Error& e) {
                UNSCOPED_INFO(e.what());
                ++failures;
            }
        });
    for (auto& th : threads)
        th.join();
    CHECK(failures == 0);
    Store store = Store::open(file);
    CHECK(store.people().count() == kThreads * kChanges);
}

TEST_CASE("Threads share one store behind a mutex", "[threads]") {
    World w;
    std::mutex mutex;
    auto a = w.person("A", 3, {{"research", 4}});
    constexpr int kThreads = 4, kChanges = 50;
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t)
        threads.emplace_back([&, t] {
            for (int i = 0; i < kChanges; ++i) {
                std::lock_guard<std::mutex> lock(mutex);
                auto b = w.person("p" + std::to_string(t) + "-" + std::to_string(i), 1);
                auto r = w.rels().propose(w.request(Model::mentoring, a, b));
                (void)w.rels().get(r);
                (void)w.store.relationships().list();
            }
        });
    for (auto& th : threads)
        th.join();
    CHECK(w.people().count() == 1 + kThreads * kChanges);
}
