"""Regenerate expected.json with the real Jekyll: python tests/liquid/make_expected.py

Builds one page holding every case of cases.py with ../shared/tools/jekyll-oracle
and stores each case's output.  Needs Ruby/Jekyll; the tests themselves don't.
"""

import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from tests.liquid.cases import (CASES, CONFIG, DATA, DATE_LINES, INCLUDES,  # noqa: E402
                               TZ_CASES, TZ_CONFIG)
from tests.liquid.fakesite import PAGES, POSTS  # noqa: E402

ORACLE = HERE.parents[2] / "shared" / "tools" / "jekyll-oracle"


def write_site(root: Path, config: dict, cases: list) -> None:
    (root / "_config.yml").write_text(json.dumps(config))
    for name, text in INCLUDES.items():
        path = root / "_includes" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    for relative_path, text in {**POSTS, **PAGES}.items():
        path = root / relative_path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    body = "".join(f"<<<{case}>>>{template}<<</{case}>>>\n" for case, template in cases)
    (root / "cases.html").write_text("---\n" + DATE_LINES + _yaml_lines(DATA) + "---\n" + body)


def _yaml_lines(data: dict) -> str:
    """One `key: <json>` line per value: JSON is YAML, so Ruby sees the same types."""
    return "".join(f"{key}: {json.dumps(value)}\n" for key, value in data.items())


def build(config: dict, cases: list) -> tuple[dict, list]:
    """Each case's output and the build's Liquid warnings."""
    with tempfile.TemporaryDirectory() as tmp:
        source, dest = Path(tmp) / "src", Path(tmp) / "site"
        source.mkdir()
        write_site(source, config, cases)
        run = subprocess.run([str(ORACLE), str(source), str(dest)], capture_output=True,
                             text=True)
        if run.returncode:
            sys.exit(run.stdout + run.stderr)
        output = (dest / "cases.html").read_text()
        warnings = [line.strip() for line in run.stdout.splitlines() + run.stderr.splitlines()
                    if "Liquid Warning" in line or "Liquid syntax" in line]
    expected = {case: re.search(rf"<<<{re.escape(case)}>>>(.*?)<<</{re.escape(case)}>>>",
                                output, re.S).group(1) for case, _ in cases}
    return expected, warnings


def main() -> None:
    expected, warnings = build(CONFIG, CASES)
    tz_expected, _ = build(TZ_CONFIG, TZ_CASES)
    (HERE / "expected.json").write_text(
        json.dumps({"cases": expected, "warnings": warnings, "tz_cases": tz_expected},
                   indent=1, ensure_ascii=False) + "\n")
    print(f"{len(expected)} + {len(tz_expected)} cases, {len(warnings)} warnings")


if __name__ == "__main__":
    main()
