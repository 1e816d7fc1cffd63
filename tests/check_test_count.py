#!/usr/bin/env python3
"""Checks that CTest runs every Catch2 test case exactly once.

catch_discover_tests registers one CTest entry per TEST_CASE. A name that CMake or Catch2 reads
differently (a ';' splits a CMake list) yields entries that match no test case, and an entry that
runs nothing used to pass. Each entry is therefore run with `--warn NoTests` (it fails when it
runs nothing), and this script checks, per test binary, that the entries CTest holds are exactly
the test cases the binary lists: same count, every name once.

Usage: check_test_count.py BUILD_DIR
"""

import collections
import json
import subprocess
import sys


def main() -> int:
    build = sys.argv[1]
    listing = subprocess.run(["ctest", "--test-dir", build, "--show-only=json-v1"],
                             check=True, capture_output=True, text=True).stdout
    tests = json.loads(listing)["tests"]
    by_binary: dict[str, list[str]] = collections.defaultdict(list)
    others = []
    for t in tests:
        command = t.get("command", [])
        labels = next((p["value"] for p in t.get("properties", []) if p["name"] == "LABELS"), [])
        if "--warn" in command and "NoTests" in command and "harness" not in labels:
            by_binary[command[0]].append(t["name"])
        else:
            others.append(t["name"])
    problems = []
    total_cases = 0
    for binary, entries in sorted(by_binary.items()):
        # Catch2 v2 exits with the number of test cases it listed, so the code is not checked.
        out = subprocess.run([binary, "--list-test-names-only"], capture_output=True,
                             text=True).stdout
        cases = [line for line in out.splitlines() if line.strip()]
        total_cases += len(cases)
        if sorted(cases) != sorted(entries):
            missing = sorted(set(cases) - set(entries))
            extra = sorted(set(entries) - set(cases))
            dupes = [n for n, c in collections.Counter(entries).items() if c > 1]
            problems.append(f"{binary}: {len(cases)} test cases, {len(entries)} CTest entries; "
                            f"not registered: {missing}; entries matching no case: {extra}; "
                            f"registered twice: {dupes}")
    if not by_binary:
        problems.append("no Catch2 test binary is registered with --warn NoTests")
    for p in problems:
        print("test count check failed:", p, file=sys.stderr)
    if problems:
        return 1
    print(f"test count check: {len(tests)} CTest entries = {total_cases} Catch2 test cases in "
          f"{len(by_binary)} binaries + {len(others)} other tests ({', '.join(others)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
