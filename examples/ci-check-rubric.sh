#!/usr/bin/env bash
# Checks a change to a rubric in CI: is the rubric valid, what changed, and do the scores of known
# data still match the committed expected output?
#
#   examples/ci-check-rubric.sh BASE RUBRIC EXPECTED DATA...
#
#   BASE      the rubric before the change: an embedded name (crm6-sv) or a file, e.g. the
#             version on the main branch: git show origin/main:rubric.toml > /tmp/base.toml
#   RUBRIC    the rubric file under review
#   EXPECTED  committed expected output: what `readiness score --rubric RUBRIC --format csv DATA...`
#             printed when the rubric was last reviewed (CSV, which names no paths, so the check
#             passes from any directory; JSON would record the paths as given)
#   DATA      score files (or coded transcripts) with known results
#
# Exit status: 0 the rubric is valid and scores the data exactly as committed; 1 the rubric is
# invalid or the scores differ from EXPECTED (a stage change nobody reviewed); 2 an error.
# A reviewed change updates EXPECTED in the same commit, so the score change is part of the diff
# a reviewer sees:  readiness score --rubric RUBRIC --format csv DATA... > EXPECTED
#
# Set READINESS to the binary to use; the default is `readiness` on PATH.
set -uo pipefail

if [ "$#" -lt 4 ]; then
    sed -n '5,14p' "$0" >&2
    exit 2
fi
readiness=${READINESS:-readiness}
base=$1 rubric=$2 expected=$3
shift 3

echo "== readiness rubric check $rubric"
"$readiness" rubric check "$rubric"
status=$?
if [ "$status" -ne 0 ]; then
    exit "$status"
fi

echo
echo "== readiness rubric diff $base $rubric --data $*"
"$readiness" rubric diff "$base" "$rubric" --data "$@"
diff_status=$?
if [ "$diff_status" -ge 2 ]; then
    exit 2
fi

echo
echo "== scores compared with $expected"
actual=$(mktemp)
trap 'rm -f "$actual"' EXIT
"$readiness" score --rubric "$rubric" --format csv "$@" > "$actual" || exit 2
diff -u "$expected" "$actual"
compared=$?
if [ "$compared" -ge 2 ]; then
    exit 2  # diff has said why: EXPECTED is missing or unreadable
fi
if [ "$compared" -eq 1 ]; then
    echo
    echo "error: the scores under $rubric differ from $expected (see above)."
    echo "If the change is intended, record it for review and commit it with the rubric:"
    echo "  readiness score --rubric $rubric --format csv $* > $expected"
    exit 1
fi
if [ "$diff_status" -eq 1 ]; then
    echo "stages change from $base, and $expected records the new stages: reviewed."
else
    echo "the scores match $expected."
fi
