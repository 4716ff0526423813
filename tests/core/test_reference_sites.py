"""Differential tests: the shared academic sites, built by converter, against Jekyll's output."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import SHARED, run_converter, shared_or_skip

SITES = ["academicpages-2025", "academicpages-2018"]
# Share of reference files that must be identical or equivalent (issue 2 asks for 95%).
REQUIRED_PASS_RATE = 0.95


def site_diff(reference, output, tmp_path):
    report = tmp_path / "diff.json"
    result = subprocess.run([sys.executable, str(SHARED / "tools" / "site-diff"), str(reference),
                             str(output), "--json", str(report)],
                            capture_output=True, text=True, timeout=300)
    return result.stdout, json.loads(report.read_text())


@pytest.mark.parametrize("name", SITES)
def test_shared_site_matches_jekyll(name, tmp_path):
    source = shared_or_skip("sites", name)
    reference = shared_or_skip("reference", name)
    result = run_converter("build", "-s", str(source), "-d", str(tmp_path / "out"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    summary, report = site_diff(reference, tmp_path / "out", tmp_path)
    statuses = report_statuses(report)
    missing = sorted(p for p, s in statuses.items() if s == "missing")
    extra = sorted(p for p, s in statuses.items() if s == "extra")
    assert missing == [] and extra == [], summary
    passed = sum(1 for s in statuses.values() if s in ("identical", "equivalent"))
    total = sum(1 for s in statuses.values() if s != "extra")
    assert passed / total >= REQUIRED_PASS_RATE, summary


def report_statuses(report) -> dict[str, str]:
    """site-diff --json writes {path: status}."""
    return dict(report)
