#pragma once
// The operations log written by hand, for the raw-SQLite baselines: the same rows the core
// appends for each change (one operation per call: device, hybrid-logical-clock value, actor,
// kind, payload, audit entry, and the BLAKE2b hash chaining it to the entry before), with the
// work a hand-written program would do and nothing more — the chain head kept in memory, one
// prepared INSERT per entry. Mirrors core/src/storage/oplog.cpp (chain_hash) and ops/ids.cpp.

#include <sodium.h>
#include <sqlite3.h>

#include <charconv>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

namespace bench {

inline void die(sqlite3* db, const char* what) {
    std::fprintf(stderr, "%s: %s\n", what, db ? sqlite3_errmsg(db) : "?");
    std::exit(1);
}

/// A new record id: 48 bits of Unix milliseconds, then random bits (UUIDv7), as 16 bytes.
inline std::string new_uid(std::int64_t ms) {
    if (sodium_init() < 0)
        die(nullptr, "libsodium");
    unsigned char b[16];
    for (int i = 0; i < 6; ++i)
        b[i] = static_cast<unsigned char>(static_cast<std::uint64_t>(ms) >> (8 * (5 - i)));
    randombytes_buf(b + 6, 10);
    b[6] = static_cast<unsigned char>(0x70 | (b[6] & 0x0F));
    b[8] = static_cast<unsigned char>(0x80 | (b[8] & 0x3F));
    return std::string(reinterpret_cast<const char*>(b), 16);
}

/// Bytes as lower-case hex (a uid in a payload).
inline std::string hex(std::string_view bytes) {
    static const char* digits = "0123456789abcdef";
    std::string out;
    out.reserve(bytes.size() * 2);
    for (unsigned char c : bytes) {
        out += digits[c >> 4];
        out += digits[c & 15];
    }
    return out;
}

/// A double as the core's canonical JSON writes it (shortest form, always a '.' or exponent).
inline std::string number(double d) {
    char buf[40];
    auto r = std::to_chars(buf, buf + sizeof buf, d);
    std::string s(buf, r.ptr);
    if (s.find_first_of(".eE") == std::string::npos)
        s += ".0";
    return s;
}

/// One entry to append.
struct Entry {
    std::optional<std::string> actor_uid{}; ///< 16 bytes
    std::optional<std::int64_t> actor_id{};
    std::int64_t at = 0;
    const char* kind = "";
    std::string payload{};
    const char* action = nullptr;
    const char* entity = nullptr;
    std::int64_t entity_id = 0;
    std::string detail{};
};

class RawLog {
public:
    explicit RawLog(sqlite3* db) : m_db(db) {
        sqlite3_stmt* s = nullptr;
        if (sqlite3_prepare_v2(db, "SELECT value FROM store_meta WHERE key = 'device'", -1, &s,
                               nullptr) != SQLITE_OK ||
            sqlite3_step(s) != SQLITE_ROW)
            die(db, "read the device");
        m_device.assign(static_cast<const char*>(sqlite3_column_blob(s, 0)),
                        static_cast<std::size_t>(sqlite3_column_bytes(s, 0)));
        sqlite3_finalize(s);
        // Entries name their device by its number in the store (numbered on first sight).
        if (sqlite3_prepare_v2(db, "INSERT OR IGNORE INTO device (uid) VALUES (?1)", -1, &s,
                               nullptr) != SQLITE_OK)
            die(db, "number the device");
        sqlite3_bind_blob(s, 1, m_device.data(), 16, SQLITE_STATIC);
        if (sqlite3_step(s) != SQLITE_DONE)
            die(db, "number the device");
        sqlite3_finalize(s);
        if (sqlite3_prepare_v2(db, "SELECT id FROM device WHERE uid = ?1", -1, &s, nullptr) !=
            SQLITE_OK)
            die(db, "number the device");
        sqlite3_bind_blob(s, 1, m_device.data(), 16, SQLITE_STATIC);
        if (sqlite3_step(s) != SQLITE_ROW)
            die(db, "number the device");
        m_device_number = sqlite3_column_int64(s, 0);
        sqlite3_finalize(s);
        if (sqlite3_prepare_v2(db, "SELECT seq, hash, hlc FROM operation ORDER BY seq DESC LIMIT 1",
                               -1, &s, nullptr) != SQLITE_OK)
            die(db, "read the log");
        if (sqlite3_step(s) == SQLITE_ROW) {
            m_seq = sqlite3_column_int64(s, 0);
            m_hash.assign(static_cast<const char*>(sqlite3_column_blob(s, 1)), 32);
            m_hlc = sqlite3_column_int64(s, 2);
        }
        sqlite3_finalize(s);
        if (sqlite3_prepare_v2(db,
                               "INSERT INTO operation (seq, device, hlc, position, batch_size, "
                               "actor, actor_id, at, kind, payload, refused, reason, code, action, "
                               "entity, entity_id, detail, hash) VALUES (?1, ?2, ?3, 0, 1, ?4, ?5, "
                               "?6, ?7, ?8, 0, NULL, NULL, ?9, ?10, ?11, ?12, ?13)",
                               -1, &m_insert, nullptr) != SQLITE_OK)
            die(db, "prepare the log insert");
    }
    ~RawLog() { sqlite3_finalize(m_insert); }
    RawLog(const RawLog&) = delete;
    RawLog& operator=(const RawLog&) = delete;

    void append(const Entry& e) {
        const std::int64_t seq = ++m_seq;
        const std::int64_t physical = e.at << 16;
        m_hlc = physical > m_hlc ? physical : m_hlc + 1;
        // The chain: every field length-prefixed, in the order of storage/oplog.cpp.
        crypto_generichash_state st;
        crypto_generichash_init(&st, nullptr, 0, 32);
        auto bytes = [&](std::string_view b) {
            unsigned char len[8];
            for (int i = 0; i < 8; ++i)
                len[i] =
                    static_cast<unsigned char>(static_cast<std::uint64_t>(b.size()) >> (8 * i));
            crypto_generichash_update(&st, len, 8);
            crypto_generichash_update(&st, reinterpret_cast<const unsigned char*>(b.data()),
                                      b.size());
        };
        auto integer = [&](std::int64_t v) {
            unsigned char b[8];
            for (int i = 0; i < 8; ++i)
                b[i] = static_cast<unsigned char>(static_cast<std::uint64_t>(v) >> (8 * i));
            bytes(std::string_view(reinterpret_cast<const char*>(b), 8));
        };
        auto optional = [&](const char* text, std::size_t size) {
            integer(text ? 1 : 0);
            if (text)
                bytes(std::string_view(text, size));
        };
        bytes(m_hash);
        integer(seq);
        bytes(m_device);
        integer(m_hlc);
        integer(0);
        integer(1);
        optional(e.actor_uid ? e.actor_uid->data() : nullptr, 16);
        integer(e.actor_id ? 1 : 0);
        integer(e.actor_id.value_or(0));
        integer(e.at);
        bytes(e.kind);
        bytes(e.payload);
        integer(0);
        bytes("");
        integer(0);
        optional(e.action, e.action ? std::string_view(e.action).size() : 0);
        optional(e.entity, e.entity ? std::string_view(e.entity).size() : 0);
        integer(e.action ? e.entity_id : 0);
        optional(e.action ? e.detail.data() : nullptr, e.detail.size());
        unsigned char hash[32];
        crypto_generichash_final(&st, hash, 32);
        m_hash.assign(reinterpret_cast<const char*>(hash), 32);

        sqlite3_bind_int64(m_insert, 1, seq);
        sqlite3_bind_int64(m_insert, 2, m_device_number);
        sqlite3_bind_int64(m_insert, 3, m_hlc);
        if (e.actor_uid) {
            // A person of the store is named by id alone; the hash covers the uid.
            sqlite3_bind_null(m_insert, 4);
            sqlite3_bind_int64(m_insert, 5, *e.actor_id);
        } else {
            sqlite3_bind_null(m_insert, 4);
            sqlite3_bind_null(m_insert, 5);
        }
        sqlite3_bind_int64(m_insert, 6, e.at);
        sqlite3_bind_text(m_insert, 7, e.kind, -1, SQLITE_STATIC);
        sqlite3_bind_text(m_insert, 8, e.payload.data(), static_cast<int>(e.payload.size()),
                          SQLITE_STATIC);
        if (e.action) {
            sqlite3_bind_text(m_insert, 9, e.action, -1, SQLITE_STATIC);
            sqlite3_bind_text(m_insert, 10, e.entity, -1, SQLITE_STATIC);
            sqlite3_bind_int64(m_insert, 11, e.entity_id);
            sqlite3_bind_text(m_insert, 12, e.detail.data(), static_cast<int>(e.detail.size()),
                              SQLITE_STATIC);
        } else {
            for (int i = 9; i <= 12; ++i)
                sqlite3_bind_null(m_insert, i);
        }
        sqlite3_bind_blob(m_insert, 13, m_hash.data(), 32, SQLITE_STATIC);
        if (sqlite3_step(m_insert) != SQLITE_DONE)
            die(m_db, "append to the log");
        sqlite3_reset(m_insert);
    }

private:
    sqlite3* m_db;
    sqlite3_stmt* m_insert = nullptr;
    std::string m_device, m_hash;
    std::int64_t m_seq = 0, m_hlc = 0, m_device_number = 0;
};

} // namespace bench
