#pragma once
// Direct SQLite access for tests only: crafting foreign or "newer" files, reading raw rows and
// pragmas, and proving the triggers refuse edits of history.

#include <sqlite3.h>

#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace mk_test {

/// One raw connection (RAII).
class RawDb {
public:
    explicit RawDb(const std::filesystem::path& path,
                   int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) {
        int rc = sqlite3_open_v2(path.string().c_str(), &m_db, flags, nullptr);
        if (rc != SQLITE_OK) {
            std::string msg = m_db ? sqlite3_errmsg(m_db) : "out of memory";
            sqlite3_close(m_db);
            m_db = nullptr;
            FAIL("cannot open " << path << ": " << msg);
        }
        sqlite3_busy_timeout(m_db, 5000);
    }
    ~RawDb() { sqlite3_close(m_db); }
    RawDb(const RawDb&) = delete;
    RawDb& operator=(const RawDb&) = delete;

    /// Runs SQL; returns SQLite's result code (the message is kept in last_error()).
    int exec(const std::string& sql) {
        char* err = nullptr;
        int rc = sqlite3_exec(m_db, sql.c_str(), nullptr, nullptr, &err);
        m_last_error = err ? err : "";
        sqlite3_free(err);
        return rc;
    }
    /// Runs SQL that must succeed.
    void must(const std::string& sql) {
        int rc = exec(sql);
        INFO(sql << " -> " << m_last_error);
        REQUIRE(rc == SQLITE_OK);
    }
    /// Every row of a query, each column as text ("NULL" for NULL; with `hex_blobs`, a BLOB as
    /// its bytes in lower-case hex).
    std::vector<std::vector<std::string>> rows(const std::string& sql, bool hex_blobs = false) {
        sqlite3_stmt* st = nullptr;
        int rc = sqlite3_prepare_v2(m_db, sql.c_str(), -1, &st, nullptr);
        INFO(sql << " -> " << sqlite3_errmsg(m_db));
        REQUIRE(rc == SQLITE_OK);
        std::vector<std::vector<std::string>> out;
        while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
            std::vector<std::string> row;
            for (int c = 0; c < sqlite3_column_count(st); ++c) {
                const int type = sqlite3_column_type(st, c); // before any conversion
                const auto size = static_cast<std::size_t>(sqlite3_column_bytes(st, c));
                if (type == SQLITE_NULL) {
                    row.emplace_back("NULL");
                } else if (hex_blobs && type == SQLITE_BLOB) {
                    static const char* digits = "0123456789abcdef";
                    auto* p = static_cast<const unsigned char*>(sqlite3_column_blob(st, c));
                    std::string hex(2 * size, '0');
                    char* h = hex.data();
                    for (std::size_t k = 0; k < size; ++k) {
                        h[2 * k] = digits[p[k] >> 4];
                        h[2 * k + 1] = digits[p[k] & 15];
                    }
                    row.push_back(std::move(hex));
                } else {
                    auto text = sqlite3_column_text(st, c);
                    row.emplace_back(reinterpret_cast<const char*>(text),
                                     static_cast<std::size_t>(sqlite3_column_bytes(st, c)));
                }
            }
            out.push_back(std::move(row));
        }
        sqlite3_finalize(st);
        REQUIRE(rc == SQLITE_DONE);
        return out;
    }
    /// The first column of the first row.
    std::string scalar(const std::string& sql) {
        auto r = rows(sql);
        REQUIRE(!r.empty());
        REQUIRE(!r.front().empty());
        return r.front().front();
    }
    const std::string& last_error() const { return m_last_error; }
    sqlite3* handle() const { return m_db; }

private:
    sqlite3* m_db = nullptr;
    std::string m_last_error;
};

/// Appends `text` to `out` with every id and hash — a run of exactly 32 or 64 lower-case hex
/// digits (a record's or device's uid, the log's chain hash) — replaced by its order of first
/// appearance in `seen`. (The fault sweeps dump a store twice per injected fault: this runs over
/// every byte of it, in the sanitizer builds too, so it scans spans, not characters.)
inline void append_renamed(std::string& out, std::string_view text,
                           std::map<std::string, std::size_t, std::less<>>& seen) {
    static constexpr auto kHex = [] {
        std::array<bool, 256> t{};
        for (int c = '0'; c <= '9'; ++c)
            t[static_cast<std::size_t>(c)] = true;
        for (int c = 'a'; c <= 'f'; ++c)
            t[static_cast<std::size_t>(c)] = true;
        return t;
    }();
    const char* d = text.data();
    const std::size_t n = text.size();
    std::size_t i = 0;
    while (i < n) {
        std::size_t j = i;
        while (j < n && !kHex[static_cast<unsigned char>(d[j])])
            ++j;
        out.append(d + i, j - i);
        i = j;
        while (j < n && kHex[static_cast<unsigned char>(d[j])])
            ++j;
        const std::size_t len = j - i;
        if (len == 32 || len == 64) {
            const std::string_view run(d + i, len);
            auto it = seen.find(run);
            if (it == seen.end())
                it = seen.emplace(std::string(run), seen.size()).first;
            out += len == 32 ? "<id " : "<hash ";
            out += std::to_string(it->second);
            out += '>';
        } else {
            out.append(d + i, len);
        }
        i = j;
    }
}

/// A full, order-independent dump of every table and the schema of a database file: equal dumps
/// mean equal contents. BLOBs are written in hex, and ids and hashes are renamed by their order
/// of first appearance (tables by name, rows in storage order): record and device ids are
/// random, so two runs of the same calls dump alike exactly when they stored the same rows.
inline std::string dump(const std::filesystem::path& path, int flags = SQLITE_OPEN_READONLY) {
    RawDb db(path, flags);
    std::string out = "user_version=" + db.scalar("PRAGMA user_version") + "\n";
    auto tables = db.rows("SELECT name, sql FROM sqlite_schema ORDER BY type, name");
    for (const auto& t : tables)
        out += "schema " + t[0] + ": " + t[1] + "\n";
    auto names = db.rows("SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name NOT "
                         "LIKE 'sqlite_%' ORDER BY name");
    std::map<std::string, std::size_t, std::less<>> seen;
    for (const auto& n : names) {
        bool rowid = n[1].find("WITHOUT ROWID") == std::string::npos;
        auto rows =
            db.rows("SELECT * FROM \"" + n[0] + "\" ORDER BY " + (rowid ? "rowid" : "1"), true);
        std::vector<std::string> lines;
        for (const auto& r : rows) {
            std::string line;
            for (const auto& v : r) {
                append_renamed(line, v, seen);
                line += '\x1f';
            }
            lines.push_back(std::move(line));
        }
        std::sort(lines.begin(), lines.end());
        out += "table " + n[0] + " (" + std::to_string(lines.size()) + " rows)\n";
        for (const auto& l : lines) {
            out += "  ";
            out += l;
            out += '\n';
        }
    }
    return out;
}

} // namespace mk_test
