#!/usr/bin/env bash
# Rebuilds the expected outputs of the small test sites with the real Jekyll.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
oracle="$here/../../../../shared/tools/jekyll-oracle"
export SOURCE_DATE_EPOCH=1767225600
rm -rf "$here/rules/expected" "$here/rules/expected-drafts"
"$oracle" "$here/rules/src" "$here/rules/expected"
"$oracle" "$here/rules/src" "$here/rules/expected-drafts" --drafts --future --unpublished
src="$(mktemp -d)"; cp -r "$here/seed-about/src/." "$src/"
sed 's/^author_profile: true/author_profile: true\nlayout: single/' \
  "$here/../../../../shared/seeds/001_2ee987202362700e.txt" > "$src/_pages/about.md"
rm -rf "$here/seed-about/expected"; "$oracle" "$src" "$here/seed-about/expected"; rm -rf "$src"
rm -rf "$here/blank-values/expected"; "$oracle" "$here/blank-values/src" "$here/blank-values/expected"
rm -rf "$here/blank-values/src/.jekyll-cache"
rm -rf "$here/dates/expected"; "$oracle" "$here/dates/src" "$here/dates/expected"
rm -rf "$here/dates/src/.jekyll-cache"
rm -rf "$here/crlf/expected"; "$oracle" "$here/crlf/src" "$here/crlf/expected"
rm -rf "$here/crlf/src/.jekyll-cache"
rm -rf "$here/liquid-trim/expected"; "$oracle" "$here/liquid-trim/src" "$here/liquid-trim/expected"
rm -rf "$here/liquid-trim/src/.jekyll-cache"
# needs the minima gem (Debian: ruby-minima / `gem install minima`)
rm -rf "$here/gem-theme/expected"; "$oracle" "$here/gem-theme/src" "$here/gem-theme/expected"
rm -rf "$here/gem-theme/src/.jekyll-cache"
