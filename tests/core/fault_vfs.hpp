#pragma once
// A test-only SQLite VFS that fails the Nth write, fsync or read, in the style of SQLite's own
// fault-injection tests (test_vfs.c, malloc and I/O error loops). It forwards everything to the
// default VFS and counts the calls of the files it opened; armed, it answers the chosen call
// with SQLITE_FULL or an SQLITE_IOERR code, once or from then on.
//
// Stores use it through StoreOptions::vfs = mk_test::FaultVfs::name.

#include <sqlite3.h>

#include <atomic>
#include <cstring>
#include <new>

namespace mk_test {

class FaultVfs {
public:
    static constexpr const char* name = "mentorkit-fault";

    enum class Op { write, sync, read };

    /// Registers the VFS (idempotent); it is not the default one.
    static void install() {
        static bool done = [] {
            sqlite3_vfs* real = sqlite3_vfs_find(nullptr);
            State& s = state();
            s.real = real;
            s.vfs = *real;
            s.vfs.zName = name;
            s.vfs.szOsFile = static_cast<int>(sizeof(File)) + real->szOsFile;
            s.vfs.pAppData = nullptr;
            s.vfs.xOpen = &open;
            sqlite3_vfs_register(&s.vfs, 0);
            return true;
        }();
        (void)done;
    }

    /// From now on, the `nth` call (1-based) of `op` fails with `code`; with `persistent`, every
    /// later call of `op` fails too (a full disk stays full).
    static void arm(Op op, int nth, int code, bool persistent = false) {
        State& s = state();
        s.op = op;
        s.code = code;
        s.persistent = persistent;
        s.countdown.store(nth);
        s.fired.store(false);
    }
    /// No more faults (a persistent one stops too).
    static void disarm() {
        state().countdown.store(0);
        state().persistent = false;
    }
    /// True once an armed fault was delivered.
    static bool fired() { return state().fired.load(); }
    /// Resets the call counters.
    static void reset_counts() {
        State& s = state();
        s.writes = 0;
        s.syncs = 0;
        s.reads = 0;
    }
    static int count(Op op) {
        State& s = state();
        return op == Op::write ? s.writes.load() : op == Op::sync ? s.syncs.load() : s.reads.load();
    }

private:
    struct File {
        sqlite3_file base;     // our methods
        sqlite3_file* real;    // the default VFS's file, right behind this struct
        sqlite3_io_methods io; // the real methods with ours in front
        const sqlite3_io_methods* real_io;
    };
    struct State {
        sqlite3_vfs* real = nullptr;
        sqlite3_vfs vfs{};
        std::atomic<int> countdown{0};
        std::atomic<bool> fired{false};
        Op op = Op::write;
        int code = SQLITE_FULL;
        bool persistent = false;
        std::atomic<int> writes{0}, syncs{0}, reads{0};
    };
    static State& state() {
        static State s;
        return s;
    }
    static File* self(sqlite3_file* f) { return reinterpret_cast<File*>(f); }

    // True when this call of `op` is the one to fail.
    static bool strike(Op op) {
        State& s = state();
        (op == Op::write ? s.writes : op == Op::sync ? s.syncs : s.reads)++;
        if (s.op != op)
            return false;
        if (s.persistent && s.fired.load())
            return true;
        int left = s.countdown.load();
        if (left <= 0)
            return false;
        if (s.countdown.fetch_sub(1) == 1) {
            s.fired.store(true);
            return true;
        }
        return false;
    }

    static int open(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* file, int flags,
                    int* out_flags) {
        State& s = state();
        File* f = self(file);
        f->real = reinterpret_cast<sqlite3_file*>(f + 1);
        std::memset(f->real, 0, static_cast<std::size_t>(s.real->szOsFile));
        file->pMethods = nullptr;
        int rc = s.real->xOpen(s.real, name, f->real, flags, out_flags);
        if (f->real->pMethods == nullptr)
            return rc;
        f->real_io = f->real->pMethods;
        f->io = *f->real_io;
        f->io.xClose = &close;
        f->io.xRead = &read;
        f->io.xWrite = &write;
        f->io.xSync = &sync;
        f->io.xTruncate = &truncate;
        f->io.xFileSize = &file_size;
        f->io.xLock = &lock;
        f->io.xUnlock = &unlock;
        f->io.xCheckReservedLock = &check_reserved;
        f->io.xFileControl = &file_control;
        f->io.xSectorSize = &sector_size;
        f->io.xDeviceCharacteristics = &device;
        if (f->io.iVersion >= 2) {
            f->io.xShmMap = &shm_map;
            f->io.xShmLock = &shm_lock;
            f->io.xShmBarrier = &shm_barrier;
            f->io.xShmUnmap = &shm_unmap;
        }
        if (f->io.iVersion >= 3) {
            f->io.xFetch = &fetch;
            f->io.xUnfetch = &unfetch;
        }
        file->pMethods = &f->io;
        return rc;
    }
    static int close(sqlite3_file* file) {
        File* f = self(file);
        return f->real_io->xClose(f->real);
    }
    static int read(sqlite3_file* file, void* buf, int n, sqlite3_int64 off) {
        if (strike(Op::read))
            return state().code;
        File* f = self(file);
        return f->real_io->xRead(f->real, buf, n, off);
    }
    static int write(sqlite3_file* file, const void* buf, int n, sqlite3_int64 off) {
        if (strike(Op::write))
            return state().code;
        File* f = self(file);
        return f->real_io->xWrite(f->real, buf, n, off);
    }
    static int sync(sqlite3_file* file, int flags) {
        if (strike(Op::sync))
            return state().code;
        File* f = self(file);
        return f->real_io->xSync(f->real, flags);
    }
    static int truncate(sqlite3_file* file, sqlite3_int64 size) {
        File* f = self(file);
        return f->real_io->xTruncate(f->real, size);
    }
    static int file_size(sqlite3_file* file, sqlite3_int64* size) {
        File* f = self(file);
        return f->real_io->xFileSize(f->real, size);
    }
    static int lock(sqlite3_file* file, int level) {
        File* f = self(file);
        return f->real_io->xLock(f->real, level);
    }
    static int unlock(sqlite3_file* file, int level) {
        File* f = self(file);
        return f->real_io->xUnlock(f->real, level);
    }
    static int check_reserved(sqlite3_file* file, int* out) {
        File* f = self(file);
        return f->real_io->xCheckReservedLock(f->real, out);
    }
    static int file_control(sqlite3_file* file, int op, void* arg) {
        File* f = self(file);
        return f->real_io->xFileControl(f->real, op, arg);
    }
    static int sector_size(sqlite3_file* file) {
        File* f = self(file);
        return f->real_io->xSectorSize(f->real);
    }
    static int device(sqlite3_file* file) {
        File* f = self(file);
        return f->real_io->xDeviceCharacteristics(f->real);
    }
    static int shm_map(sqlite3_file* file, int region, int size, int extend, void volatile** p) {
        File* f = self(file);
        return f->real_io->xShmMap(f->real, region, size, extend, p);
    }
    static int shm_lock(sqlite3_file* file, int offset, int n, int flags) {
        File* f = self(file);
        return f->real_io->xShmLock(f->real, offset, n, flags);
    }
    static void shm_barrier(sqlite3_file* file) {
        File* f = self(file);
        f->real_io->xShmBarrier(f->real);
    }
    static int shm_unmap(sqlite3_file* file, int delete_flag) {
        File* f = self(file);
        return f->real_io->xShmUnmap(f->real, delete_flag);
    }
    static int fetch(sqlite3_file* file, sqlite3_int64 off, int amount, void** p) {
        File* f = self(file);
        return f->real_io->xFetch(f->real, off, amount, p);
    }
    static int unfetch(sqlite3_file* file, sqlite3_int64 off, void* p) {
        File* f = self(file);
        return f->real_io->xUnfetch(f->real, off, p);
    }
};

} // namespace mk_test
