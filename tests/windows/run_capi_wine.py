#!/usr/bin/env python3
"""The C ABI on Windows: tests/capi/tlsr_c_test.c built against tlsready.dll, run under Wine
against the lab, and the same program built against libtlsready.so, run on Linux; their documents
must be the same (tests/windows/run_wine_tests.sh, step 7).

    run_capi_wine.py --print-endpoints
    run_capi_wine.py SOURCE_DIR LAB_DIR WINE WINDOWS_EXE LINUX_EXE OUT_DIR

Both programs get the same scan request (the lab endpoints of tests/capi/run_capi_lab.py plus an
expired certificate and a TCP reset; the CA file as Z:/... for Windows), audit the same .reg
export (tests/data/reg/scenarios/win7_sp1_untouched.reg), look up the registry, write the
remediation (.reg, undo .reg, .ps1) and cancel a tarpit scan from another thread (tlsr_scan_next
returns within a second). Then:

- every document and text the Linux program wrote must be equal to the Windows one, timings and
  dates aside (compare_scan_documents.py's rules, which step 6 uses for tlsready_scan_json). Known
  differences are accepted by name and printed, never hidden:
    * a path in a document (the .reg file, the Linux root) is the Windows program's Z:/... view of
      the same Unix path (Wine's drive Z: is the Unix root);
    * the lab's TCP reset endpoint is connection_closed under Wine (step 6: Wine 8 hands the RST to
      the program as an orderly close);
    * the RC4/3DES-only endpoint: Debian's libssl (the Linux build) has no RC4/3DES suites, the mingw
      OpenSSL has them, so only the Windows probe completes the full handshake (the certificate's
      source, the session check and the connection count differ there, nothing else may);
    * policy_debian12.json (the audit of a Linux root image) is not compared: it evaluates the
      OpenSSL library it runs in (Debian's, security level 2 by a Debian patch, against the upstream
      mingw build's level 1) and the image's absolute symlinks, which Wine resolves on the host;
- the Windows scan results are what the lab serves (accepted versions or the error kind);
- the Windows documents validate against native/schema (tests/capi/check_documents.py), and the live
  registry audit the Windows program adds (policy_live.json, through tlsr_policy_audit_live) shows
  the SCHANNEL values run_wine_tests.sh wrote (TLS 1.0 server Enabled=0, DisabledByDefault=1).

Exit status 0 when all of that holds; 1 with one line per problem otherwise.
"""
import json
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "capi"))
from compare_scan_documents import differences, reset_as_close, strip  # noqa: E402
from run_capi_lab import ENDPOINTS as CAPI_LAB_ENDPOINTS  # noqa: E402

RESET_ENDPOINT = "hostile_reset"
# Only RC4 and 3DES suites: Debian's libssl has none of them (no enable-weak-ssl-ciphers), the mingw
# OpenSSL has (build_openssl_mingw.sh), so only the Windows probe completes the full handshake.
WEAK_SUITES_ENDPOINT = "tls10_legacy_3des_rc4"
WEAK_SUITES_FIELDS = ("$.certificate.source", "$.checks.certificate.", "$.checks.session.", "$.connections",
                      "$.session")
ENDPOINTS = (*CAPI_LAB_ENDPOINTS, "expired_cert", RESET_ENDPOINT)
CANCEL_ENDPOINT = "tarpit_drip"
NOT_COMPARED = {
    "policy_debian12.json": "a Linux root audit evaluates the OpenSSL it runs in (Debian's vs upstream mingw)",
    "request.json": "written by this script, one per platform (the CA file's path differs)",
}
WINDOWS_ONLY = {"policy_live.json"}
PROGRAM_TIMEOUT = 300


def as_windows_path(path: Path | str) -> str:
    return "Z:" + str(path)


def wine_paths(value, mapped: list[str]):
    """The document with every Z:/... string turned back into the Unix path it names."""
    if isinstance(value, dict):
        return {key: wine_paths(item, mapped) for key, item in value.items()}
    if isinstance(value, list):
        return [wine_paths(item, mapped) for item in value]
    if isinstance(value, str) and value.startswith("Z:/"):
        mapped.append(value)
        return value[2:]
    return value


def target_text(endpoint: dict) -> str:
    host = endpoint["host"]
    return f"[{host}]:{endpoint['port']}" if ":" in host else f"{host}:{endpoint['port']}"


def request(lab: dict, chosen: list[dict], ca_file: str) -> dict:
    targets = []
    for endpoint in chosen:
        target = {"host": endpoint["host"], "port": endpoint["port"], "sni": endpoint.get("sni")}
        if endpoint.get("starttls"):
            target["starttls"] = endpoint["starttls"]
        targets.append(target)
    return {"schema_version": "1.0", "targets": targets,
            "options": {"timeout": 5, "ca_file": ca_file, "use_system_trust_store": False}}


def read_results(path: Path) -> dict[int, dict]:
    results = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        index, document = line.split("\t", 1)
        results[int(index)] = json.loads(document)
    return results


def run(label: str, command: list[str], cwd: Path) -> bool:
    started = time.monotonic()
    try:
        completed = subprocess.run(command, cwd=cwd, timeout=PROGRAM_TIMEOUT, capture_output=True, text=True)
    except subprocess.TimeoutExpired:
        print(f"FAILED: the {label} C program did not finish within {PROGRAM_TIMEOUT} s")
        return False
    for line in (completed.stdout + completed.stderr).splitlines():
        print(f"    {label}: {line}")
    print(f"  {label} C program: exit {completed.returncode}, {time.monotonic() - started:.1f} s")
    return completed.returncode == 0


def linux_lacks_weak_suites(document: dict) -> bool:
    session = (document.get("checks") or {}).get("session") or {}
    return session.get("status") == "skipped" and "linked OpenSSL has none" in (session.get("detail") or "")


def compare_results(linux: dict[int, dict], windows: dict[int, dict], chosen: list[dict]) -> list[str]:
    problems = []
    for index, endpoint in enumerate(chosen):
        name = endpoint["name"]
        if index not in linux or index not in windows:
            problems.append(f"results.jsonl: {name} (index {index}) missing on "
                            f"{'Linux' if index not in linux else 'Windows'}")
            continue
        found = list(differences(strip(linux[index]), strip(windows[index])))
        if found and name == RESET_ENDPOINT and all(reset_as_close(line) for line in found):
            print(f"  known     scan {name}: Wine reports the TCP RST as an orderly close "
                  f"(connection_reset on Linux, connection_closed under Wine); {len(found)} fields, nothing else")
        elif found and name == WEAK_SUITES_ENDPOINT and linux_lacks_weak_suites(linux[index]) and \
                all(line.startswith(WEAK_SUITES_FIELDS) for line in found):
            print(f"  known     scan {name}: the Linux build's OpenSSL (Debian's) has no RC4/3DES suites, so "
                  f"only the Windows build (mingw OpenSSL, weak suites enabled) completes the full handshake; "
                  f"{len(found)} fields of the handshake's source and session, nothing else")
        elif found:
            problems.append(f"results.jsonl: {name} differs:")
            problems.extend(f"    {line}" for line in found[:40])
        else:
            error = (linux[index].get("error") or {}).get("kind")
            print(f"  same      scan {name} ({linux[index].get('status')}{', ' + error if error else ''})")
    return problems


def check_lab_expectations(windows: dict[int, dict], chosen: list[dict]) -> list[str]:
    """As run_capi_lab.py checks the Linux results: the lab's own account of each endpoint."""
    problems = []
    for index, endpoint in enumerate(chosen):
        result = windows.get(index)
        expect = endpoint.get("expect", {})
        if result is None:
            continue  # reported by compare_results
        if "error" in expect:
            kind = (result.get("error") or {}).get("kind")
            # Wine 8 hands the RST over as an orderly close, most of the time: either kind is right there
            wanted = {expect["error"], "connection_closed"} if endpoint["name"] == RESET_ENDPOINT else {expect["error"]}
            if kind not in wanted:
                problems.append(f"Windows scan of {endpoint['name']}: error kind {kind}, the lab expects "
                                f"{' or '.join(sorted(wanted))}")
            continue
        accepted = sorted(p["version"] for p in result["protocols"] if p["accepted"])
        if accepted != sorted(expect.get("protocols", {})):
            problems.append(f"Windows scan of {endpoint['name']}: accepted {accepted}, the lab serves "
                            f"{sorted(expect.get('protocols', {}))}")
    return problems


def compare_files(linux_dir: Path, windows_dir: Path) -> list[str]:
    problems = []
    linux_names = {path.name for path in linux_dir.iterdir()}
    windows_names = {path.name for path in windows_dir.iterdir()}
    for name in sorted(linux_names ^ windows_names):
        if name not in WINDOWS_ONLY:
            problems.append(f"{name}: written only by the {'Linux' if name in linux_names else 'Windows'} program")
    for name in sorted(linux_names & windows_names):
        if name == "results.jsonl":
            continue
        if name in NOT_COMPARED:
            print(f"  not compared {name}: {NOT_COMPARED[name]}")
            continue
        a, b = (linux_dir / name).read_bytes(), (windows_dir / name).read_bytes()
        if not name.endswith(".json"):
            if a != b:
                problems.append(f"{name}: the texts differ ({len(a)} bytes on Linux, {len(b)} on Windows)")
            else:
                print(f"  same      {name} ({len(a)} bytes, byte for byte)")
            continue
        mapped: list[str] = []
        windows_document = wine_paths(json.loads(b), mapped)
        found = list(differences(strip(json.loads(a)), strip(windows_document)))
        if found:
            problems.append(f"{name} differs:")
            problems.extend(f"    {line}" for line in found[:40])
        elif mapped:
            print(f"  known     {name}: {len(mapped)} paths as Windows sees them ({mapped[0]}), else the same")
        else:
            print(f"  same      {name}")
    return problems


def check_live_policy(windows_dir: Path, source: Path) -> list[str]:
    path = windows_dir / "policy_live.json"
    if not path.exists():
        return ["policy_live.json: the Windows program wrote no live registry audit (tlsr_policy_audit_live)"]
    report = json.loads(path.read_text(encoding="utf-8"))
    problems = []
    if report.get("source", {}).get("type") != "live_registry" or report.get("platform") != "windows":
        problems.append(f"policy_live.json: source {report.get('source')}, platform {report.get('platform')}")
    servers = [p["server"] for p in report.get("windows", {}).get("schannel", {}).get("protocols", [])
               if p.get("version") == "TLSv1.0"]
    if not servers or not (servers[0].get("from_registry") and servers[0].get("registry_enabled") == 0 and
                           servers[0].get("registry_disabled_by_default") == 1 and servers[0].get("enabled") is False):
        problems.append(f"policy_live.json: TLS 1.0 server is {servers[:1]}, run_wine_tests.sh wrote Enabled=0, "
                        "DisabledByDefault=1")
    try:
        import jsonschema
    except ImportError:
        print("  (jsonschema missing: documents not validated)")
        return problems
    schema = json.loads((source / "native/schema/local-policy.schema.json").read_text())
    try:
        jsonschema.Draft202012Validator(schema).validate(report)
        print("  valid     policy_live.json (live registry through tlsr_policy_audit_live)")
    except jsonschema.ValidationError as error:
        problems.append(f"policy_live.json does not validate: {error.message}")
    return problems


def main(argv: list[str]) -> int:
    if argv[1:] == ["--print-endpoints"]:
        print(",".join((*ENDPOINTS, CANCEL_ENDPOINT)))
        return 0
    if len(argv) != 7:
        print(__doc__, file=sys.stderr)
        return 2
    source, lab_dir, wine, windows_exe, linux_exe, out = (Path(argv[1]), Path(argv[2]), argv[3], argv[4],
                                                           argv[5], Path(argv[6]))
    lab = json.loads((lab_dir / "lab.json").read_text())
    by_name = {endpoint["name"]: endpoint for endpoint in lab["endpoints"]}
    chosen = [by_name[name] for name in ENDPOINTS]
    version = (source / "VERSION").read_text().strip()
    abi = next(line.split()[1] for line in (source / "CMakeLists.txt").read_text().splitlines()
               if line.startswith("set(TLSREADY_ABI_VERSION "))[:-1]
    dirs = {"linux": out / "linux", "windows": out / "windows"}
    for path in dirs.values():
        path.mkdir(parents=True, exist_ok=True)
        for old in path.iterdir():
            old.unlink()
    (dirs["linux"] / "request.json").write_text(json.dumps(request(lab, chosen, lab["ca_file"])))
    (dirs["windows"] / "request.json").write_text(json.dumps(request(lab, chosen, as_windows_path(lab["ca_file"]))))

    def arguments(to_path) -> list[str]:
        return ["--expect-version", version, "--expect-abi", abi,
                "--status-ledger", to_path(source / "native/data/ledgers/c_status_codes.csv"),
                "--data", to_path(source / "tests/data")]

    cancel = target_text(by_name[CANCEL_ENDPOINT])
    ran_linux = run("Linux", [linux_exe, *arguments(str), "--out", str(dirs["linux"]),
                              "--scan-request", str(dirs["linux"] / "request.json"), "--cancel-target", cancel], source)
    ran_windows = run("Windows", [wine, windows_exe, *arguments(as_windows_path),
                                  "--out", as_windows_path(dirs["windows"]),
                                  "--scan-request", as_windows_path(dirs["windows"] / "request.json"),
                                  "--cancel-target", cancel], source)
    problems = [] if ran_linux and ran_windows else ["a C program failed (its FAIL lines are above)"]
    if ran_linux and ran_windows:
        windows_results = read_results(dirs["windows"] / "results.jsonl")
        problems += compare_results(read_results(dirs["linux"] / "results.jsonl"), windows_results, chosen)
        problems += check_lab_expectations(windows_results, chosen)
        problems += compare_files(dirs["linux"], dirs["windows"])
        problems += check_live_policy(dirs["windows"], source)
        checked = subprocess.run([sys.executable, str(HERE.parent / "capi/check_documents.py"), str(source),
                                  str(dirs["windows"])], capture_output=True, text=True)
        if checked.returncode != 0:
            problems.append(f"the Windows documents do not validate: {(checked.stdout + checked.stderr)[-600:]}")
        else:
            print(f"  valid     the Windows documents ({checked.stdout.strip().splitlines()[-1]})")
    for problem in problems:
        print(problem)
    print(f"C ABI under Wine: {len(chosen)} lab endpoints, a .reg audit, registry lookups, remediation, "
          f"cancellation: {'the same documents as on Linux' if not problems else f'{len(problems)} problems'}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
