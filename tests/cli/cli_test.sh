#!/usr/bin/env bash
# The command-line tool behind the README's run command: the demo is created and reported, and
# bad input gets a clear error and a non-zero exit without touching any file.
set -euo pipefail
cli=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

"$cli" demo "$dir/demo.db" | grep -q "demo program written" || fail "demo"
out=$("$cli" report "$dir/demo.db")
grep -q "Boards of advisors" <<<"$out" || fail "report has no boards"
grep -q "Amina Rahman" <<<"$out" || fail "report lacks the committee mentee"
grep -q "mentoring/reverse" <<<"$out" || fail "report lacks a reverse mentoring pair"
grep -q "goals: " <<<"$out" || fail "report lacks the goal counts"

# The audit log is read through a person (ids of the demo: 16 Amina Rahman, the mentee of
# relationship 1; 3 Dr. Maria Kowalczyk, her mentor; 10 Dr. Aisha Bello, Amina's supervisor).
[ "$("$cli" audit "$dir/demo.db" --as 16 5 | wc -l)" -eq 5 ] || fail "audit did not print 5 entries"
if "$cli" audit "$dir/demo.db" 5 2>"$dir/err"; then fail "audit without --as accepted"; fi
grep -q -- "--as PERSON_ID" "$dir/err" || fail "no clear message for audit without --as"
if "$cli" audit "$dir/demo.db" --as 999 2>"$dir/err"; then fail "audit as an unknown person"; fi
grep -q "person 999 does not exist" "$dir/err" || fail "no clear message for an unknown person"
mentee=$("$cli" audit "$dir/demo.db" --as 16 100000)
mentor=$("$cli" audit "$dir/demo.db" --as 3 100000)
boss=$("$cli" audit "$dir/demo.db" --as 10 100000)
grep -q '"relationship":1[,}]' <<<"$mentee" || fail "the mentee does not see her relationship"
grep -q '"relationship":1[,}]' <<<"$mentor" || fail "the mentor does not see his relationship"
if grep -q '"relationship":1[,}]' <<<"$boss"; then fail "the supervisor sees the pair's entries"; fi
[ -n "$boss" ] || fail "the supervisor sees nothing, not even her own entries"

# The demo goes into a new file only.
if "$cli" demo "$dir/demo.db" 2>"$dir/err"; then fail "demo overwrote an existing file"; fi
grep -q "already exists" "$dir/err" || fail "no clear message for an existing file"

# A file that is not a mentorkit database is refused and left byte-for-byte as it was.
printf 'not a database at all, just text\n' >"$dir/notes.txt"
cp "$dir/notes.txt" "$dir/notes.orig"
if "$cli" report "$dir/notes.txt" 2>"$dir/err"; then fail "report accepted a text file"; fi
grep -q "error:" "$dir/err" || fail "no error message for a foreign file"
cmp -s "$dir/notes.txt" "$dir/notes.orig" || fail "the foreign file was modified"

# A store whose protections were dropped is refused until `mentorkit repair` restores them.
cp "$dir/demo.db" "$dir/tampered.db"
sqlite3 "$dir/tampered.db" "DROP TRIGGER operation_no_update; DROP TRIGGER note_visibility_widens;"
if "$cli" report "$dir/tampered.db" >/dev/null 2>"$dir/err"; then fail "report opened a tampered store"; fi
grep -q "protections were altered" "$dir/err" || fail "no clear message for a tampered store"
grep -q "mentorkit repair" "$dir/err" || fail "the message does not name the repair"
"$cli" repair "$dir/tampered.db" >"$dir/out" || fail "repair failed"
[ "$(grep -c '^restored trigger' "$dir/out")" -eq 2 ] || fail "repair did not restore both triggers"
"$cli" report "$dir/tampered.db" >/dev/null || fail "the repaired store does not open"
"$cli" repair "$dir/tampered.db" | grep -q "nothing to repair" || fail "a second repair did something"

# The operations log verifies; an entry edited behind the store's back is named by verify, and a
# recent one makes the store refuse to open.
"$cli" verify "$dir/demo.db" >"$dir/out" || fail "verify refused the demo"
grep -q "entries of the operations log verify, and the state follows" "$dir/out" || fail "verify did not say the log verifies"
# A row changed behind the store's back (a column the triggers let change) no longer follows from
# the log: verify names its table.
cp "$dir/demo.db" "$dir/status.db"
sqlite3 "$dir/status.db" "UPDATE relationship SET status = 'completed' WHERE id = 2;"
if "$cli" verify "$dir/status.db" >"$dir/out"; then fail "verify passed a state edited behind the log"; fi
grep -q "state does not follow from it: rows of relationship" "$dir/out" || fail "verify did not name the edited table"
cp "$dir/demo.db" "$dir/edited.db"
sqlite3 "$dir/edited.db" "DROP TRIGGER operation_no_update; UPDATE operation SET detail = '{}' WHERE seq = (SELECT max(seq) - 2 FROM operation);"
"$cli" repair "$dir/edited.db" >/dev/null || fail "repair of the edited store failed"
if "$cli" report "$dir/edited.db" >/dev/null 2>"$dir/err"; then fail "report opened a store with an edited log"; fi
grep -q "operations log was altered" "$dir/err" || fail "no clear message for an edited log"
if "$cli" verify "$dir/edited.db" >"$dir/out"; then fail "verify passed an edited log"; fi
grep -q "does not verify" "$dir/out" || fail "verify did not name the edited entry"
if "$cli" verify "$dir/missing.db" 2>/dev/null; then fail "verify accepted a missing file"; fi

if "$cli" report "$dir/missing.db" 2>/dev/null; then fail "report accepted a missing file"; fi
[ ! -e "$dir/missing.db" ] || fail "report created a missing file"
if "$cli" frobnicate "$dir/demo.db" 2>/dev/null; then fail "unknown command accepted"; fi

# A personal store: its key file is made beside it (mode 600) or read when it exists, and
# `identity` shows whose it is and the same fingerprint.
"$cli" personal "$dir/ada.db" --name "Ada Lovelace" >"$dir/out" || fail "personal store not made"
grep -q "Ada Lovelace's personal store" "$dir/out" || fail "personal does not name the owner"
[ "$(stat -c %a "$dir/ada.db.key")" = 600 ] || fail "the key file is not private"
fp=$(sed -n 's/^fingerprint: //p' "$dir/out")
[[ $fp =~ ^[0-9]{5}( [0-9]{5}){5}$ ]] || fail "no fingerprint printed: $fp"
"$cli" identity "$dir/ada.db" | grep -qF "fingerprint: $fp" || fail "identity shows another key"
"$cli" identity "$dir/demo.db" | grep -q "a shared file" || fail "the demo is not a shared file"
"$cli" personal "$dir/ada2.db" --name "Ada Lovelace" --key "$dir/ada.db.key" >"$dir/out" ||
  fail "a personal store from an existing key"
grep -qF "fingerprint: $fp" "$dir/out" || fail "the existing key was not used"
if "$cli" personal "$dir/ada.db" --name "Ada" 2>"$dir/err"; then fail "personal replaced a store"; fi
grep -q "already exists" "$dir/err" || fail "no clear message for an existing store"
if "$cli" personal "$dir/nobody.db" 2>"$dir/err"; then fail "personal without a name"; fi
grep -q -- "--name NAME" "$dir/err" || fail "no clear message for a missing name"
chmod 644 "$dir/ada.db.key"
if "$cli" personal "$dir/ada3.db" --name "Ada" --key "$dir/ada.db.key" 2>"$dir/err"; then
  fail "a key file others may read was used"
fi
grep -q "chmod 600" "$dir/err" || fail "no clear message for an unsafe key file"
[ ! -e "$dir/ada3.db" ] || fail "a refused personal store left a file"
echo "cli: ok"
