// libFuzzer target: the store opener on arbitrary bytes. Whatever the file holds, opening it and
// reading it back either works or throws a mentorkit::Error; anything else (a crash, a hang, an
// exception of another type, a sanitizer report) is a bug. Run by scripts/test for a bounded
// time from the committed corpus (fuzz/corpus/store_open).

#include <mentorkit/mentorkit.hpp>

#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>

namespace {

std::filesystem::path scratch() {
    // One file per fuzzing process, in memory where the system has a tmpfs.
    auto dir = std::filesystem::exists("/dev/shm") ? std::filesystem::path("/dev/shm")
                                                   : std::filesystem::temp_directory_path();
    return dir / ("mentorkit-fuzz-" + std::to_string(::getpid()) + ".mentorkit");
}

void remove_store_files(const std::filesystem::path& file) {
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"})
        std::filesystem::remove(file.string() + suffix, ec);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const std::filesystem::path file = scratch();
    remove_store_files(file);
    if (std::FILE* f = std::fopen(file.c_str(), "wb")) {
        if (size > 0)
            std::fwrite(data, 1, size, f);
        std::fclose(f);
    }
    try {
        mentorkit::StoreOptions options;
        options.busy_timeout_ms = 0;
        mentorkit::Store store = mentorkit::Store::open(file, options);
        // Read what a client reads first: people, relationships, the dashboard rows.
        auto people = store.people().list();
        for (const auto& r : store.relationships().list()) {
            (void)store.relationships().warnings(r.id);
            (void)store.agreements().versions(r.id, r.guide);
        }
        if (!people.empty())
            (void)mentorkit::load_dashboard(store, people.front().id,
                                            mentorkit::DashboardScope::all);
    } catch (const mentorkit::Error&) {
        // A refusal is the expected answer to most inputs.
    }
    remove_store_files(file);
    return 0;
}
