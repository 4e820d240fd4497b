"""Run one benchmark: ``python -m bench NAME [options]``; ``--json`` ends with one JSON line."""

from __future__ import annotations

import argparse
import asyncio
import importlib
import json
import sys
from collections.abc import Awaitable, Callable
from typing import Any

BENCHMARKS = (
    "taps",
    "presses",
    "dispatch",
    "scale",
    "lateness",
    "multiprocess",
    "figures",
    "parsing",
    "progress",
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("name", choices=BENCHMARKS)
    parser.add_argument("--json", action="store_true", help="end with one JSON object line")
    parser.add_argument("--db", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--quick", action="store_true", help="smaller run, for smoke checks")
    args, rest = parser.parse_known_args(argv)
    module = importlib.import_module(f"bench.{args.name}")
    run: Callable[..., Awaitable[tuple[list[list[Any]], dict[str, Any]]]] = module.run
    rows, result = asyncio.run(run(db=args.db, quick=args.quick, argv=rest))
    print_table(rows)
    if args.json:
        print(json.dumps(result))
    return 0


def print_table(rows: list[list[Any]]) -> None:
    if not rows:
        return
    cells = [[_cell(value) for value in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(cells[0]))]
    for number, row in enumerate(cells):
        print("  ".join(value.rjust(width) for value, width in zip(row, widths, strict=True)))
        if number == 0:
            print("  ".join("-" * width for width in widths))
    sys.stdout.flush()


def _cell(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:,.2f}" if value < 100 else f"{value:,.0f}"
    return str(value)


if __name__ == "__main__":
    raise SystemExit(main())
