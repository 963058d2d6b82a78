#!/usr/bin/env bash
# The main job on a fresh machine: install what is needed, build and install tlsready into .venv,
# start the local demo lab (tests/lab) and scan every endpoint in it, then report this machine's
# local TLS policy and audit a sample Windows `reg export` (an untouched Windows 7 SP1). The lab
# keeps running until `python3 tests/lab/lab.py stop --dir build/lab-demo` (or pass --stop).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
lab_dir="$root/build/lab-demo"

bash .ci/install-deps.sh
bash tests/python/install_venv.sh
python3 tests/lab/lab.py stop --dir "$lab_dir" >/dev/null 2>&1 || true
python3 tests/lab/lab.py start --dir "$lab_dir"

# Every lab endpoint's report under its lab name, then the summary and how to stop the lab.
.venv/bin/python tests/lab/demo_scan.py "$lab_dir"
echo
echo "Local TLS policy of this machine:"
.venv/bin/tlsready policy
echo
echo "Audit of a Windows 7 SP1 registry export (fixes written to build/lab-demo/fix.reg and fix.ps1):"
.venv/bin/tlsready policy --reg tests/data/reg/scenarios/win7_sp1_untouched.reg \
  --remediate-reg "$lab_dir/fix.reg" --remediate-ps1 "$lab_dir/fix.ps1"

echo
if [[ "${1:-}" == "--stop" ]]; then
  python3 tests/lab/lab.py stop --dir "$lab_dir"
  echo "The lab was stopped (--stop)."
else
  echo "The demo lab is still running; stop it with: python3 tests/lab/lab.py stop --dir build/lab-demo"
fi
