#!/usr/bin/env python3
"""The EXPLAIN (ANALYZE, BUFFERS) of what pace-web sent during a benchmark scenario, for bench/RESULTS.md.

Usage: bench/explain-statements.py PG_LOG SINCE > explain.sql, then ./pace psql pace -d pace_bench -f explain.sql

PG_LOG is the cluster's log (.pace/pg.log) written with log_min_duration_statement = 0 while one scenario ran
(ALTER DATABASE pace_bench SET log_min_duration_statement = 0; ./pace bench run --only NAME --seconds 2; RESET);
SINCE is the log's time stamp from which to read ("2026-12-07 21:40:00"). Every distinct statement of that window
gets the parameters of its first execution as literals (as PostgreSQL plans an unnamed statement of Npgsql:
with its values), is executed once to warm the cache, then explained.
"""
import re
import sys

ENTRY = re.compile(r"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)\.\d+ UTC \[\d+\] (LOG|DETAIL):  (.*)$")
STATEMENT = re.compile(r"duration: [\d.]+ ms  execute [^:]*: (.*)", re.S)
PARAMETER = re.compile(r"\$(\d+) = (NULL|'(?:[^']|'')*')")


def inline(sql, parameters):
    """
    The statement with $n replaced by the literal of parameter n, highest numbers first ($10 before $1). The literals
    stay untyped: each occurrence takes its type from where it stands, as the parameter did.
    """
    for number in range(len(parameters), 0, -1):
        sql = re.sub(rf"\${number}(?!\d)", lambda _: parameters[number - 1], sql)
    return sql


def entries(path, since):
    """(kind, text) of each log entry at or after `since`, continuation lines joined to their entry."""
    current = None
    with open(path, encoding="utf-8", errors="replace") as log:
        for line in log:
            match = ENTRY.match(line.rstrip("\n"))
            if match:
                if current:
                    yield current
                current = (match.group(2), match.group(3)) if match.group(1) >= since else None
            elif current:
                current = (current[0], current[1] + "\n" + line.rstrip("\n"))
    if current:
        yield current


def statements(path, since):
    """Distinct statements in order of first appearance, each with the parameters of its first execution."""
    found = {}
    pending = None
    for kind, text in entries(path, since):
        if kind == "LOG":
            match = STATEMENT.match(text)
            pending = match.group(1).strip() if match else None
            if pending and not pending.upper().startswith(("SELECT", "WITH")):
                pending = None
            if pending and pending not in found and "$1" not in pending:
                found[pending] = []
        elif kind == "DETAIL" and pending and text.startswith("parameters:") and pending not in found:
            found[pending] = [value for _, value in sorted(((int(n), v) for n, v in PARAMETER.findall(text)))]
    return found


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    print("\\pset pager off")
    for number, (sql, parameters) in enumerate(statements(sys.argv[1], sys.argv[2]).items()):
        statement = inline(sql, parameters)
        print(f"\\echo '### statement {number}'")
        print("\\o /dev/null")
        print(f"{statement};")
        print("\\o")
        print(f"EXPLAIN (ANALYZE, BUFFERS) {statement};")


if __name__ == "__main__":
    main()
