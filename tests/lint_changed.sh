#!/usr/bin/env bash
# Lints the C++ a change touches: clang-format-14 (check mode, .clang-format) and clang-tidy-14
# (.clang-tidy, flags from build/release/compile_commands.json) on the lines changed against a
# base, so old code is checked when it is edited and the tree is never reformatted at once.
#   tests/lint_changed.sh [BASE]   BASE: a commit; default the merge base with origin/main (else
#                                  with a local main), or HEAD~1 when there is none or HEAD is on it
#                                  (CI's fresh clone of main). Uncommitted and untracked files count.
# Exits 1 on any finding; 0 with a note when there is nothing to compare with (a one-commit clone).
# TLSREADY_LINT_BUILD names another build folder with a compile_commands.json.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
build="${TLSREADY_LINT_BUILD:-build/release}"

base="${1:-}"
if [[ -z "$base" ]]; then
  if git rev-parse -q --verify origin/main >/dev/null && base="$(git merge-base HEAD origin/main)" &&
     [[ "$base" != "$(git rev-parse HEAD)" ]]; then
    :
  elif git rev-parse -q --verify refs/heads/main >/dev/null && base="$(git merge-base HEAD main)" &&
       [[ "$base" != "$(git rev-parse HEAD)" ]]; then
    :  # a worktree or clone without a remote: the local main
  elif git rev-parse -q --verify HEAD~1 >/dev/null; then
    base="HEAD~1"
  else
    echo "lint: no base to compare with (one commit, or a shallow clone); nothing linted"
    exit 0
  fi
fi
git rev-parse -q --verify "$base^{commit}" >/dev/null || { echo "lint: base '$base' is not a commit" >&2; exit 2; }

patterns=('*.cpp' '*.cc' '*.h' '*.hpp')
mapfile -t files < <({ git diff --name-only --diff-filter=ACMR "$base" -- "${patterns[@]}";
                       git ls-files --others --exclude-standard -- "${patterns[@]}"; } | sort -u)
if ((${#files[@]} == 0)); then
  echo "lint: no C++ file changed since ${base}"
  exit 0
fi
echo "lint: ${#files[@]} C++ file(s) changed since ${base}"

# The changed lines of each file as clang-tidy's -line-filter JSON (new files: every line).
line_filter="$(
  { git diff -U0 --diff-filter=ACMR "$base" -- "${files[@]}"
    for f in "${files[@]}"; do
      git ls-files --error-unmatch -- "$f" >/dev/null 2>&1 || git diff -U0 --no-index /dev/null "$f" || true
    done; } | python3 -c '
import json, re, sys
ranges = {}
name = None
for line in sys.stdin:
    if line.startswith("+++ "):
        path = line[4:].strip()
        name = path[2:] if path.startswith("b/") else path
    elif line.startswith("@@") and name:
        start, _, count = re.match(r"@@ -\S+ \+(\d+)(,(\d+))? @@", line).groups()
        start, count = int(start), int(count if count is not None else 1)
        if count:
            ranges.setdefault(name, []).append([start, start + count - 1])
print(json.dumps([{"name": n, "lines": r} for n, r in sorted(ranges.items())]))
')"

status=0

echo "lint: clang-format-14 on the changed lines"
format_diff="$({ git diff -U0 --no-color "$base" -- "${files[@]}"
                 for f in "${files[@]}"; do
                   git ls-files --error-unmatch -- "$f" >/dev/null 2>&1 || git diff -U0 --no-index /dev/null "$f" || true
                 done; } | sed 's|^+++ b//*|+++ b/|' | clang-format-diff-14 -p1 -binary clang-format-14)" || true
if [[ -n "$format_diff" ]]; then
  printf '%s\n' "$format_diff"
  echo "lint: clang-format wants the changes above (apply: git diff -U0 $base | clang-format-diff-14 -p1 -i)"
  status=1
fi

echo "lint: clang-tidy-14 on the changed lines (flags from $build/compile_commands.json)"
if [[ ! -f "$build/compile_commands.json" ]]; then
  echo "lint: $build/compile_commands.json is missing: configure $build first (cmake -S . -B $build)" >&2
  exit 2
fi
# Headers are checked through the sources that include them (HeaderFilterRegex, -line-filter);
# a source file is checked only when the build knows it (the Windows-only files are not built here).
mapfile -t sources < <(python3 - "$build/compile_commands.json" "${files[@]}" <<'PY'
import json, os, sys
known = {os.path.realpath(entry["file"]) for entry in json.load(open(sys.argv[1]))}
for name in sys.argv[2:]:
    if os.path.realpath(name) in known:
        print(name)
PY
)
# A changed header: lint the built sources that include it, so its changed lines are seen.
for f in "${files[@]}"; do
  case "$f" in
    *.h|*.hpp)
      mapfile -t includers < <(git grep -l --fixed-strings "\"${f#native/src/}\"" -- '*.cpp' '*.cc' | head -n 3 || true)
      sources+=("${includers[@]}");;
  esac
done
mapfile -t sources < <(printf '%s\n' "${sources[@]}" | sed '/^$/d' | sort -u)
[[ "$line_filter" == "[]" ]] && sources=()  # only deletions: nothing to check
for f in "${sources[@]}"; do
  python3 - "$build/compile_commands.json" "$f" <<'PY' || continue
import json, os, sys
known = {os.path.realpath(entry["file"]) for entry in json.load(open(sys.argv[1]))}
sys.exit(0 if os.path.realpath(sys.argv[2]) in known else 1)
PY
  if ! clang-tidy-14 --quiet -p "$build" -line-filter="$line_filter" "$f" 2>/dev/null; then
    echo "lint: clang-tidy findings in $f (above)"
    status=1
  fi
done

((status == 0)) && echo "lint: clean"
exit "$status"
