#!/usr/bin/env bash
# Build the one-folder Linux bundle of Coach with PyInstaller, then prove it works without the
# source tree: `coach --version`, `coach demo` and `coach --quit-after-startup` (opening the data
# first, then from the first screen kept at exit) must exit 0.
# Prints the bundle's size and its start-up time against a bare PySide6 window.
#
#     bash packaging/build.sh            # everything goes to packaging/build/ (git-ignored)
#
# Environment: PYTHON (default python3) creates the build venv; COACH_BUILD_DIR moves the output;
# BENCHMARK_RUNS (default 7) sets the runs per side of the start-up benchmark, 0 skips it.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BUILD="${COACH_BUILD_DIR:-$ROOT/packaging/build}"
VENV="$BUILD/venv"
BUNDLE="$BUILD/dist/coach"
export PIP_DISABLE_PIP_VERSION_CHECK=1 QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"

if [ ! -x "$VENV/bin/python" ]; then
  echo "== creating the build venv in $VENV"
  "${PYTHON:-python3}" -m venv "$VENV"
fi
echo "== installing Coach and PyInstaller into the build venv"
"$VENV/bin/pip" install -q -e "$ROOT" pyinstaller

echo "== building the bundle"
"$VENV/bin/pyinstaller" --noconfirm --clean --log-level WARN \
  --distpath "$BUILD/dist" --workpath "$BUILD/work" "$ROOT/packaging/coach.spec"

echo "== smoke test of $BUNDLE/coach"
SCRATCH="$(mktemp -d)"
trap 'rm -rf "$SCRATCH"' EXIT
# The bundle must stand alone: no source tree, no site-packages, no user Python settings.
run_bundled() (
  cd "$SCRATCH" && env -u PYTHONPATH -u PYTHONHOME -u VIRTUAL_ENV "$BUNDLE/coach" "$@"
)
expected="Coach $("$VENV/bin/python" -c 'import coach; print(coach.__version__)')"
reported="$(run_bundled --version)"
if [ "$reported" != "$expected" ]; then
  echo "coach --version said '$reported', expected '$expected'" >&2
  exit 1
fi
echo "coach --version: $reported"
run_bundled --data-dir "$SCRATCH/demo" demo
run_bundled --quit-after-startup --data-dir "$SCRATCH/demo"
echo "coach --quit-after-startup on the demo data: exit 0"
test -f "$SCRATCH/demo/first-screen.json"
run_bundled --quit-after-startup --data-dir "$SCRATCH/demo"
echo "again, drawn from the first screen kept at the last exit: exit 0"
run_bundled --quit-after-startup --data-dir "$SCRATCH/fresh"
echo "coach --quit-after-startup on a new data folder: exit 0"
test -f "$SCRATCH/fresh/coach.db"

echo "== bundle size"
du -sh "$BUNDLE"

if [ "${BENCHMARK_RUNS:-7}" -gt 0 ]; then
  echo "== start-up of the bundle against a bare PySide6 window"
  "$VENV/bin/python" "$ROOT/tests/benchmarks/startup.py" --runs "${BENCHMARK_RUNS:-7}" \
    --coach-command "$BUNDLE/coach"
fi
echo "Bundle ready: $BUNDLE"
