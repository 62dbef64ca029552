#!/usr/bin/env python3
"""Checks that every write the server acknowledged (a learners.py ACKS_FILE) is in the database.
Usage: check_acks.py ACKS_FILE (--sqlite FILE | --postgres URL)
Prints what it checked; exits 1 naming the first missing writes."""
import json, subprocess, sys

QUERIES = {
    "enrollment": 'SELECT u.username, e.course FROM enrollment e JOIN "user" u ON u.id = e.user_id',
    "lesson": 'SELECT u.username, c.course, c.lesson FROM lesson_completion c JOIN "user" u ON u.id = c.user_id',
    "attempt": "SELECT id FROM attempt WHERE submitted_at IS NOT NULL",
}


def rows(kind, how, where):
    command = ["sqlite3", "-separator", "\t", where] if how == "--sqlite" else ["psql", "-qAtX", "-F", "\t", where, "-c"]
    output = subprocess.run(command + [QUERIES[kind]], check=True, capture_output=True, text=True).stdout
    return {tuple(line.split("\t")) for line in output.splitlines() if line}


def key(ack):
    if ack["kind"] == "enrollment":
        return (ack["user"], ack["course"])
    if ack["kind"] == "lesson":
        return (ack["user"], ack["course"], ack["lesson"])
    return (str(ack["attempt"]),)


def main():
    acks_file, how, where = sys.argv[1], sys.argv[2], sys.argv[3]
    acks = [json.loads(line) for line in open(acks_file)]
    missing = []
    for kind in QUERIES:
        stored = rows(kind, how, where)
        wanted = {key(a) for a in acks if a["kind"] == kind}
        lost = wanted - stored
        print(f"  {kind}: {len(wanted)} acknowledged, {len(wanted) - len(lost)} found")
        missing += [(kind, k) for k in sorted(lost)]
    if missing:
        print(f"LOST: {len(missing)} acknowledged writes are not in the database, e.g. {missing[:5]}")
        sys.exit(1)
    print("  every acknowledged write is in the database")


if __name__ == "__main__":
    main()
