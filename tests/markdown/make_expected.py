#!/usr/bin/env python3
"""Regenerate expected/*.html with real kramdown (needs Ruby + the Debian jekyll gems).

    python tests/markdown/make_expected.py [--only PREFIX]

Runs kramdown_oracle.rb once for the whole corpus (Jekyll 4.3.1's kramdown
options, see that script) and writes one expected file per case.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import HERE, all_cases  # noqa: E402

ORACLE = HERE / "kramdown_oracle.rb"


def run_oracle(items: list[dict]) -> list[str]:
    proc = subprocess.run(["ruby", str(ORACLE)], input=json.dumps(items), capture_output=True,
                          text=True, check=True)
    return json.loads(proc.stdout)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--only", default="", help="only cases whose name starts with this")
    args = ap.parse_args()
    cases = [c for c in all_cases() if c.name.startswith(args.only)]
    outputs = run_oracle([{"text": c.text, "options": c.options} for c in cases])
    for case, html in zip(cases, outputs):
        if html.startswith("!!ERROR"):
            print(f"{case.name}: {html}", file=sys.stderr)
            continue
        case.expected_path.parent.mkdir(parents=True, exist_ok=True)
        case.expected_path.write_text(html, encoding="utf-8")
    print(f"wrote {len(cases)} expected outputs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
