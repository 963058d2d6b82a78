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

mapfile -t targets < <(/usr/bin/python3 - "$lab_dir/lab.json" <<'PY'
import json, sys
for e in json.load(open(sys.argv[1]))["endpoints"]:
    host = f"[{e['host']}]" if ":" in e["host"] else e["host"]
    print(json.dumps({"target": f"{host}:{e['port']}", "sni": e.get("sni"), "starttls": e.get("starttls")}))
PY
)
echo "Scanning ${#targets[@]} lab endpoints (results also in build/lab-demo/scan.jsonl)"
rm -f "$lab_dir/scan.jsonl"
.venv/bin/python - "$lab_dir" "${targets[@]}" <<'PY'
import json, sys
import tlsready
from tlsready.cli import format_result

lab_dir, raw = sys.argv[1], sys.argv[2:]
manifest = json.load(open(f"{lab_dir}/lab.json"))
with open(f"{lab_dir}/scan.jsonl", "a") as sink:
    def show(result):
        sink.write(result.to_json() + "\n")
        print(format_result(result) + "\n", flush=True)
    tlsready.scan([json.loads(t) for t in raw], timeout=2, ca_file=manifest["ca_file"], on_result=show)
PY
echo
echo "Local TLS policy of this machine:"
.venv/bin/tlsready policy
echo
echo "Audit of a Windows 7 SP1 registry export (fixes written to build/lab-demo/fix.reg and fix.ps1):"
.venv/bin/tlsready policy --reg tests/data/reg/scenarios/win7_sp1_untouched.reg \
  --remediate-reg "$lab_dir/fix.reg" --remediate-ps1 "$lab_dir/fix.ps1"

if [[ "${1:-}" == "--stop" ]]; then python3 tests/lab/lab.py stop --dir "$lab_dir"; fi
