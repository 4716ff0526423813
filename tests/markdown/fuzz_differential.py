#!/usr/bin/env python3
"""Differential fuzzing against real kramdown (needs Ruby): random Markdown-ish
documents built from lines of block syntax and inline fragments are converted
by kramdown (GFM and kramdown input) and by us; prints mismatches.

    python tests/markdown/fuzz_differential.py SEED COUNT
"""
import difflib
import json
import random
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))
sys.path.insert(0, str(HERE))
from corpus import normalize
from converter.markdown import KramdownConverter
INLINE = ["word", "two words", "*em*", "**strong**", "_u_", "`code`", "[l](http://x)", "[ref]", "![i](p.png)", "\"q\"", "it's",
          "--", "...", "&amp;", "<span>s</span>", "<br>", "$$m$$", "[^1]", "{: .c}", "~~del~~", "HTML", "\\*", "<b>*x*</b>", "a|b", "é中"]
LINES = ["", "", "", "- ", "* ", "+ ", "1. ", "2. ", "> ", "# ", "## ", "### ", ": ", "    ", "  ", "\t", "```", "```python", "~~~", "| ", "|---|---|",
         "---", "***", "<div>", "</div>", "<div markdown=\"1\">", "<p>", "</p>", "<!-- c -->", "{: .cls}", "{:toc}", "[ref]: http://r.org \"T\"",
         "[^1]: note", "*[HTML]: Hyper", "$$", "^", "<table>", "<tr><td>c</td></tr>", "</table>", "{::comment}", "{:/comment}", "<script>", "</script>",
         "Term", "=====", "-----", "<details>", "<summary>S</summary>", "</details>"]
def gen_line(rng):
    indent = rng.choice(["", "", "", "  ", "   ", "    ", "      ", "\t"])
    prefix = rng.choice(LINES)
    body = " ".join(rng.choice(INLINE) for _ in range(rng.randint(0, 4)))
    return indent + prefix + body
def gen(rng):
    return "\n".join(gen_line(rng) for _ in range(rng.randint(1, 15))) + rng.choice(["", "\n"])
seed = int(sys.argv[1]); N = int(sys.argv[2])  # add --options to vary kramdown options
rng = random.Random(seed)
docs = [gen(rng) for _ in range(N)]
OPTION_SETS = ({}, {"input": "kramdown"}, {"parse_block_html": True, "hard_wrap": True},
               {"auto_ids": False, "entity_output": "numeric", "smart_quotes": "apos,apos,quot,quot"},
               {"auto_id_prefix": "id-", "footnote_nr": 3, "gfm_quirks": "no_auto_typographic",
                "toc_levels": "2..3", "entity_output": "symbolic"},
               {"input": "kramdown", "parse_span_html": False, "math_engine": None, "auto_id_stripping": True})
items = [{"text": d, "options": o} for d in docs for o in (OPTION_SETS if "--options" in sys.argv else OPTION_SETS[:2])]
out = json.loads(subprocess.run(["ruby", str(HERE / "kramdown_oracle.rb")], input=json.dumps(items), capture_output=True, text=True, check=True).stdout)
convs = {}; fails = []
for it, exp in zip(items, out):
    if exp.startswith("!!ERROR"): continue
    c = convs.setdefault(repr(it["options"]), KramdownConverter(it["options"]))
    got = c.convert(it["text"])
    if normalize(got) != normalize(exp): fails.append((it, exp, got))
print(f"{len(items)-len(fails)}/{len(items)} same")
fails.sort(key=lambda f: len(f[0]["text"]))
for it, exp, got in fails[:4]:
    print("=" * 60); print(repr(it["text"]), it["options"])
    print("".join(difflib.unified_diff(exp.splitlines(1), got.splitlines(1), n=1)))
