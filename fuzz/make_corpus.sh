#!/usr/bin/env bash
# How the seed corpus of the store-open fuzzer was made (committed in fuzz/corpus/store_open;
# libFuzzer adds what it finds when run with the folder as its corpus). Small pages keep the
# seeds small; the v1 fixture brings people, relationships and agreements to read back after
# its migration. Usage: fuzz/make_corpus.sh path/to/mentorkit-cli
set -euo pipefail
cd "$(dirname "$0")"
cli=$1
out=corpus/store_open
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
shrink() { # FILE: one file, 512-byte pages, no WAL
  sqlite3 "$1" "PRAGMA journal_mode = DELETE; PRAGMA page_size = 512; VACUUM;" >/dev/null
}
: >"$out/empty"
sqlite3 "$work/fresh.mentorkit" "SELECT 1" >/dev/null
"$cli" report "$work/fresh.mentorkit" >/dev/null && shrink "$work/fresh.mentorkit"
cp "$work/fresh.mentorkit" "$out/fresh"
cp "$work/fresh.mentorkit" "$work/tampered.mentorkit"
sqlite3 "$work/tampered.mentorkit" "DROP TRIGGER audit_log_no_update; DROP TRIGGER note_visibility_widens;"
cp "$work/tampered.mentorkit" "$out/tampered"
cp ../tests/fixtures/schema-v1.mentorkit "$work/v1.mentorkit" && shrink "$work/v1.mentorkit"
cp "$work/v1.mentorkit" "$out/schema-v1"
sqlite3 "$work/foreign.db" "CREATE TABLE t (a, b); INSERT INTO t VALUES (1, 'x');" && shrink "$work/foreign.db"
cp "$work/foreign.db" "$out/foreign-sqlite"
head -c 4096 /dev/urandom >"$out/random"
ls -l "$out"
