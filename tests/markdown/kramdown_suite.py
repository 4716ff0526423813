#!/usr/bin/env python3
"""Measure our converter on kramdown's own test inputs (never stored in this repo).

    python tests/markdown/kramdown_suite.py DIR_OR_JSON...

DIR: a checkout of kramdown's test/testcases (every ``*.text`` is an input);
JSON: a file mapping case names to input texts. Each input is converted by
real kramdown (kramdown_oracle.rb, Jekyll's options) with GFM input and with
``input: kramdown``, and by us; prints the identical-after-normalisation rate.
"""

from __future__ import annotations

import difflib
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[1]))

from corpus import normalize  # noqa: E402
from make_expected import run_oracle  # noqa: E402

from converter.markdown import KramdownConverter  # noqa: E402

INPUT_MODES = ({}, {"input": "kramdown"})


def load_inputs(paths: list[str]) -> dict[str, str]:
    inputs: dict[str, str] = {}
    for arg in paths:
        path = Path(arg)
        if path.is_dir():
            for text_file in sorted(path.rglob("*.text")):
                inputs[str(text_file.relative_to(path))] = text_file.read_text(encoding="utf-8", errors="replace")
        else:
            inputs.update(json.loads(path.read_text(encoding="utf-8")))
    return inputs


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    inputs = load_inputs([a for a in argv if a != "-v"])
    items = [{"name": n, "text": t, "options": o} for n, t in inputs.items() for o in INPUT_MODES]
    expected = run_oracle([{"text": i["text"], "options": i["options"]} for i in items])
    converters = {repr(o): KramdownConverter(o) for o in INPUT_MODES}
    same = 0
    for item, exp in zip(items, expected):
        got = converters[repr(item["options"])].convert(item["text"])
        if normalize(got) == normalize(exp):
            same += 1
            continue
        print("DIFF", item["name"], item["options"])
        if verbose:
            sys.stdout.writelines(difflib.unified_diff(exp.splitlines(True), got.splitlines(True)))
    print(f"{same}/{len(items)} identical after whitespace normalisation "
          f"({len(inputs)} inputs x {len(INPUT_MODES)} input modes)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
