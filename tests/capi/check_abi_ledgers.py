#!/usr/bin/env python3
"""The C ABI's ledgers against the header and the built library (curl's tests/data/test1119 idea).

    check_abi_ledgers.py SOURCE_DIR LIBRARY

- native/data/ledgers/c_status_codes.csv == the tlsr_status enum of native/include/tlsready.h
  (every active row with its value, no code in the header missing from the ledger, no number reused);
- native/data/ledgers/c_abi_symbols.csv == the TLSR_API functions declared in the header == the
  symbols the library exports (nm -D --defined-only; for tlsready.dll its PE export table, objdump -p),
  so an accidental export or a removal fails.
"""
import csv
import re
import shutil
import subprocess
import sys
from pathlib import Path


def ledger(path: Path) -> list[dict[str, str]]:
    lines = [line for line in path.read_text().splitlines() if line and not line.startswith("#")]
    return list(csv.DictReader(lines))


def shared_object_exports(library: str) -> set[str]:
    nm = subprocess.run(["nm", "-D", "--defined-only", library], capture_output=True, text=True, check=True)
    exported = set()
    for line in nm.stdout.splitlines():
        parts = line.split()
        # "ADDRESS TYPE NAME[@VERSION]"; upper-case types are global (what the library exports).
        if len(parts) == 3 and parts[1] in "TWDBRVui" and parts[1].isupper():
            exported.add(parts[2].split("@")[0])
    return exported


def dll_exports(library: str) -> set[str]:
    """tlsready.dll (the win-x64 cross build): the names of its PE export table, as objdump -p lists
    them under "[Ordinal/Name Pointer] Table" ("\t[   0] tlsr_abi_version")."""
    objdump = shutil.which("x86_64-w64-mingw32-objdump") or "objdump"
    run = subprocess.run([objdump, "-p", library], capture_output=True, text=True)
    if run.returncode != 0:
        print(f"{objdump} -p {library}: {run.stderr.strip()} (not a PE image?)")
        return set()
    table = run.stdout.split("[Ordinal/Name Pointer] Table", 1)
    if len(table) != 2:
        return set()
    return set(re.findall(r"^\s*\[\s*\d+\]\s+(\S+)\s*$", table[1].split("\n\n", 1)[0], re.M))


def main() -> int:
    source, library = Path(sys.argv[1]), sys.argv[2]
    header = (source / "native/include/tlsready.h").read_text()
    problems: list[str] = []

    enum_body = re.search(r"typedef enum tlsr_status \{(.*?)\} tlsr_status;", header, re.S)
    if not enum_body:
        print("tlsready.h: no 'typedef enum tlsr_status { ... } tlsr_status;'")
        return 1
    header_codes = {name: int(value) for name, value in
                    re.findall(r"\b(TLSR_[A-Z_]+)\s*=\s*(-?\d+)", enum_body.group(1))}
    rows = ledger(source / "native/data/ledgers/c_status_codes.csv")
    values = [int(row["value"]) for row in rows]
    if len(values) != len(set(values)):
        problems.append("c_status_codes.csv: a value is used twice")
    active = {row["name"]: int(row["value"]) for row in rows if row["status"] == "active"}
    retired = {row["name"] for row in rows if row["status"] == "retired"}
    for name, value in header_codes.items():
        if name not in active:
            problems.append(f"status {name} = {value} is in tlsready.h but not active in c_status_codes.csv")
        elif active[name] != value:
            problems.append(f"status {name} is {value} in tlsready.h but {active[name]} in the ledger (renumbered)")
        if value > 0:
            problems.append(f"status {name} = {value}: codes are 0 or negative")
    for name in active:
        if name not in header_codes:
            problems.append(f"status {name} is active in c_status_codes.csv but gone from tlsready.h (mark it retired)")
    for name in retired & set(header_codes):
        problems.append(f"status {name} is retired in the ledger but still in tlsready.h")

    declared = set(re.findall(r"^TLSR_API\s+[^;(]*?\b(tlsr_\w+)\s*\(", header, re.M))
    symbols = ledger(source / "native/data/ledgers/c_abi_symbols.csv")
    ledger_active = {row["symbol"] for row in symbols if row["status"] == "active"}
    ledger_all = {row["symbol"] for row in symbols}
    exported = dll_exports(library) if library.lower().endswith(".dll") else shared_object_exports(library)
    for name in sorted(exported - ledger_active):
        problems.append(f"{library} exports {name}, which c_abi_symbols.csv does not list (an accidental export?)")
    for name in sorted(ledger_active - exported):
        problems.append(f"c_abi_symbols.csv lists {name}, which {library} does not export (removed?)")
    for name in sorted(declared - ledger_all):
        problems.append(f"tlsready.h declares {name}, which c_abi_symbols.csv does not list")
    for name in sorted(ledger_active - declared):
        problems.append(f"c_abi_symbols.csv lists {name}, which tlsready.h does not declare")

    for problem in problems:
        print(problem)
    print(f"{len(header_codes)} status codes, {len(declared)} declared functions, {len(exported)} exports: "
          f"{'ok' if not problems else f'{len(problems)} problems'}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
