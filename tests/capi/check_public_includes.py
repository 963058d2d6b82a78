#!/usr/bin/env python3
"""The public boundary: the fronts include only the public headers.

    check_public_includes.py SOURCE_DIR

The Python binding (bindings/) and the C ABI (native/src/capi/) may include, in quotes, only
tlsready.h, tlsready/... (native/include) and files beside themselves. The build holds this too
(they link tlsready_core alone, whose include path is native/include, so a room's header does not
compile there); this test names the offending line instead of a compiler error.
"""
import re
import sys
from pathlib import Path

INCLUDE = re.compile(r'^\s*#\s*include\s*"([^"]+)"', re.M)


def main() -> int:
    source = Path(sys.argv[1])
    problems = []
    checked = 0
    for folder in ("bindings", "native/src/capi"):
        for path in sorted((source / folder).glob("*")):
            if path.suffix not in (".c", ".cpp", ".h", ".hpp"):
                continue
            checked += 1
            for match in INCLUDE.finditer(path.read_text()):
                name = match.group(1)
                if name == "tlsready.h" or name.startswith("tlsready/") or (path.parent / name).is_file():
                    continue
                line = path.read_text().count("\n", 0, match.start()) + 1
                problems.append(f"{path.relative_to(source)}:{line}: includes \"{name}\", not a public header "
                                "(native/include/tlsready/); add what it needs to the public face instead")
    public = source / "native/include"
    for path in sorted(public.rglob("*")):
        if path.suffix in (".h", ".hpp", ".in"):
            for match in INCLUDE.finditer(path.read_text()):
                if not (match.group(1) == "tlsready.h" or match.group(1).startswith("tlsready/")):
                    problems.append(f"{path.relative_to(source)}: public header includes \"{match.group(1)}\"")
    for problem in problems:
        print(problem)
    print(f"{checked} front files checked: {'ok' if not problems else f'{len(problems)} problems'}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
