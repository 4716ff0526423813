#!/usr/bin/env python3
"""Compare our converter with the stored kramdown outputs; print a summary
and, with --diff NAME, a unified diff for one case."""

from __future__ import annotations

import argparse
import difflib
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import all_cases, normalize  # noqa: E402

from converter.markdown import KramdownConverter  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--diff", default=None)
    ap.add_argument("--prefix", default="")
    args = ap.parse_args()
    converters: dict = {}
    same = exact = total = 0
    failures = []
    for case in all_cases():
        if not case.name.startswith(args.prefix):
            continue
        expected = case.expected()
        if expected is None:
            continue
        key = repr(sorted(case.options.items()))
        conv = converters.setdefault(key, KramdownConverter(case.options))
        got = conv.convert(case.text)
        total += 1
        exact += got == expected
        if normalize(got) == normalize(expected):
            same += 1
        else:
            failures.append(case.name)
        if args.diff and case.name == args.diff:
            sys.stdout.writelines(difflib.unified_diff(
                expected.splitlines(True), got.splitlines(True), "kramdown", "ours"))
    print(f"{same}/{total} identical after whitespace normalisation ({exact} byte-identical)")
    for name in failures:
        print("  FAIL", name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
