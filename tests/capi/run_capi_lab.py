#!/usr/bin/env python3
"""The C program against the lab (TLSREADY_LAB_DIR, like tests/native/integration).

    run_capi_lab.py SOURCE_DIR TLSR_C_TEST OUT_DIR [tlsr_c_test arguments...]

Writes a scan request for several lab endpoints (TLS 1.3 only, TLS 1.0-1.2, legacy 3DES/RC4,
IPv6, STARTTLS, and a refusing one), has tlsr_c_test scan it through the C ABI and cancel a
tarpit scan from another thread; then checks every result against the lab's expectations (the
accepted versions, or the error kind) and validates every document against the schemas.
"""
import json
import os
import subprocess
import sys
from pathlib import Path

ENDPOINTS = ("tls13_only", "tls10_12_client_pref", "tls10_legacy_3des_rc4", "ipv6_tls12", "smtp_starttls",
             "hostile_refused")


def main() -> int:
    source, program, out = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3])
    lab_dir = os.environ.get("TLSREADY_LAB_DIR")
    if not lab_dir:
        print("TLSREADY_LAB_DIR is not set: start the lab first (python3 tests/lab/lab.py start --dir DIR)")
        return 1
    lab = json.loads((Path(lab_dir) / "lab.json").read_text())
    by_name = {endpoint["name"]: endpoint for endpoint in lab["endpoints"]}
    chosen = [by_name[name] for name in ENDPOINTS]
    targets = []
    for endpoint in chosen:
        target = {"host": endpoint["host"], "port": endpoint["port"], "sni": endpoint.get("sni")}
        if endpoint.get("starttls"):
            target["starttls"] = endpoint["starttls"]
        targets.append(target)
    request = {"schema_version": "1.0", "targets": targets,
               "options": {"timeout": 2, "ca_file": lab["ca_file"], "use_system_trust_store": False}}
    out.mkdir(parents=True, exist_ok=True)
    (out / "request.json").write_text(json.dumps(request))
    tarpit = by_name["tarpit_drip"]
    tarpit_target = f"[{tarpit['host']}]:{tarpit['port']}" if ":" in tarpit["host"] else f"{tarpit['host']}:{tarpit['port']}"
    run = subprocess.run([program, *sys.argv[4:], "--out", str(out), "--scan-request", str(out / "request.json"),
                          "--cancel-target", tarpit_target], timeout=300)
    if run.returncode != 0:
        return run.returncode

    problems = []
    results = {}
    for line in (out / "results.jsonl").read_text().splitlines():
        index, document = line.split("\t", 1)
        results[int(index)] = json.loads(document)
    for index, endpoint in enumerate(chosen):
        result = results.get(index)
        if result is None:
            problems.append(f"{endpoint['name']}: no result")
            continue
        expect = endpoint.get("expect", {})
        if "error" in expect:
            kind = (result.get("error") or {}).get("kind")
            if kind != expect["error"]:
                problems.append(f"{endpoint['name']}: error kind {kind}, the lab expects {expect['error']}")
            continue
        accepted = sorted(p["version"] for p in result["protocols"] if p["accepted"])
        wanted = sorted(expect.get("protocols", {}))
        if accepted != wanted:
            problems.append(f"{endpoint['name']}: accepted {accepted}, the lab serves {wanted}")
        if result["status"] != "ok":
            problems.append(f"{endpoint['name']}: status {result['status']}: {result['error']}")
    for problem in problems:
        print(problem)
    if problems:
        return 1
    print(f"{len(chosen)} lab endpoints scanned through the C ABI as the lab configured them")
    return subprocess.run([sys.executable, str(Path(__file__).with_name("check_documents.py")), str(source),
                           str(out)]).returncode


if __name__ == "__main__":
    sys.exit(main())
