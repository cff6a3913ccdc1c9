#!/usr/bin/env python3
"""The EXPLAIN (ANALYZE, BUFFERS) of what pace-web sent during a benchmark scenario, for bench/RESULTS.md.

Usage: bench/explain-statements.py PG_LOG SINCE [TOP] > explain.sql, then ./pace psql pace -d pace_bench -f explain.sql

PG_LOG is the cluster's log (.pace/pg.log) written with log_min_duration_statement = 0 while one scenario ran
(ALTER DATABASE pace_bench SET log_min_duration_statement = 0; ./pace bench run --only NAME --seconds 2; RESET);
SINCE is the log's time stamp from which to read ("2026-12-07 21:40:00"); with TOP, only the TOP statements that took
the most time in all. Every distinct statement of that window gets the parameters of its last execution as literals
(PostgreSQL plans Npgsql's unnamed statements with their values too), is executed once to warm the cache, then
explained.
"""
import re
import sys

ENTRY = re.compile(r"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)\.\d+ UTC \[\d+\] (LOG|DETAIL):  (.*)$")
STATEMENT = re.compile(r"duration: ([\d.]+) ms  execute [^:]*: (.*)", re.S)
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
    """Distinct statements, each with the parameters of its last execution and the time all its executions took."""
    found = {}
    pending = None
    for kind, text in entries(path, since):
        if kind == "LOG":
            match = STATEMENT.match(text)
            pending = match.group(2).strip() if match else None
            if pending and not pending.upper().startswith(("SELECT", "WITH")):
                pending = None
            if pending:
                parameters, total = found.get(pending, ([], 0.0))
                found[pending] = (parameters, total + float(match.group(1)))
        elif kind == "DETAIL" and pending and text.startswith("parameters:"):
            values = [value for _, value in sorted((int(n), v) for n, v in PARAMETER.findall(text))]
            found[pending] = (values, found[pending][1])
    return found


def main():
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__)
    found = statements(sys.argv[1], sys.argv[2]).items()
    if len(sys.argv) == 4:
        found = sorted(found, key=lambda item: -item[1][1])[: int(sys.argv[3])]
    print("\\pset pager off")
    for number, (sql, (parameters, _)) in enumerate(found):
        statement = inline(sql, parameters)
        heading = " ".join(sql.split())[:100].replace("'", "")
        print(f"\\echo '### statement {number}: {heading}…'")
        print("\\o /dev/null")
        print(f"{statement};")
        print("\\o")
        print(f"EXPLAIN (ANALYZE, BUFFERS) {statement};")


if __name__ == "__main__":
    main()
