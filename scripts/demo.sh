#!/usr/bin/env bash
# demo.sh: the main job on a fresh machine. Sets up, compiles examples/textstats/textstats.pyidl
# with pyidlc, builds the extension module, and runs it in 4 isolated sub-interpreters on 4
# threads at once (examples/textstats/parallel_demo.py).
#   PYIDL_PYTHON=/path/to/python3.13 bash scripts/demo.sh   # choose the Python (>= 3.12)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${PYIDL_BUILD_DIR:-$root/build}

bash "$root/scripts/setup.sh"
python_args=()
[ -n "${PYIDL_PYTHON:-}" ] && python_args=(-DPython_EXECUTABLE="$PYIDL_PYTHON")
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "${python_args[@]}" >/dev/null
newest=$(sed -n 's/^PYIDL_DEMO_PYTHON_TAG=//p' "$build/pyidl_demo.env")
python=$(sed -n 's/^PYIDL_DEMO_PYTHON=//p' "$build/pyidl_demo.env")
cmake --build "$build" --target "textstats_$newest" -j "$(nproc)"
echo "== pyidlc generated: $(ls "$build"/examples/textstats/pyidl_generated/)"
PYTHONPATH="$build/examples/textstats/py$newest" "$python" "$root/examples/textstats/parallel_demo.py" "$@"
