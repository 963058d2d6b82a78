"""The ``tlsready`` command line: arguments and exit codes. Library code never prints; the cli modules do."""

from __future__ import annotations

import argparse
import functools
import os
import sys
from typing import Any, Callable, Optional, Sequence, TextIO, cast

# Only what the parser needs is imported here; each command's modules (results, policy, verdicts,
# the registry) load when it runs, so `tlsready --version` and `--help` start lean (issue 14).
from tlsready import _clients_command, _legacy_clients_command
from tlsready import _distributed_command
from tlsready._checks import check_count, check_seconds
from tlsready._errors import InvalidArgumentError
from tlsready._output import OutputClosedError, OutputError, OutputStream
from tlsready._verdict_command import add_verdict_commands
from tlsready._version import __version__
from tlsready import _suites_command

__all__ = ["main"]

STARTTLS_CHOICES = ("smtp", "imap", "pop3", "ftp", "ldap", "postgres", "none")

# Exit codes, the same for every subcommand (README "Exit codes"): 0 done, 1 findings (only from a
# judgement: scan --policy, verdict, policy --against), 2 usage or input error, 3 some target could
# not be scanned (scan), 130 interrupted (Ctrl-C), 143 terminated (SIGTERM, scan).
EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_NOT_SCANNED = 3
EXIT_INTERRUPTED = 130

EXIT_CODES = ("exit codes: 0 done, 1 findings (not ready / does not reach), 2 usage or input error,\n"
              "  3 some target could not be scanned, 130 interrupted (Ctrl-C)")

# --help examples of the subcommands whose parsers live in their own modules; `tlsready X --help` shows them.
_EXAMPLES = {
    "policy": "examples:\n"
              "  tlsready policy                                 audit this Linux machine (/etc/ssl, crypto-policies, ...)\n"
              "  tlsready policy --root /mnt/image --json        a mounted image, as one JSON document\n"
              "  tlsready policy --reg machine.reg --os-version win7\n"
              "  tlsready policy --reg machine.reg --against m365          exit 1 when a TLS stack does not reach\n"
              "  tlsready policy --reg machine.reg --remediate-reg fix.reg  also writes fix.undo.reg\n"
              "\nexit codes: 0 audited (a report, even with findings), 1 with --against: some stack does not\n"
              "  reach the policy's servers, 2 usage or input error (unreadable or malformed export), 130 interrupted",
    "verdict": "examples:\n"
               "  tlsready scan -i targets.txt -o results.jsonl\n"
               "  tlsready verdict results.jsonl --policy m365\n"
               "  tlsready verdict results.jsonl --policy my-policy.json --json --summary\n"
               "\nexit codes: 0 every endpoint ready (with or without warnings), 1 some not ready or unknown,\n"
               "  2 usage or input error (unreadable file, not JSON, unknown policy), 130 interrupted",
    "policies": "examples:\n"
                "  tlsready policies\n"
                "  tlsready policies --json\n"
                "\nexit codes: 0 listed, 2 usage error",
    "clients": "examples:\n"
               "  tlsready clients                                           the built-in client profiles\n"
               "  tlsready clients results.jsonl                             who connects to each saved endpoint\n"
               "  tlsready clients results.jsonl --what-if no-tls10,no-tls11  who would break\n"
               "  tlsready clients results.jsonl --client java-6u45 --json\n"
               + _legacy_clients_command.EPILOG_EXAMPLES +
               "\nexit codes: 0 forecast written (a report, even when clients break) / no legacy TLS use in the logs,\n"
               "  1 a client in the logs still used TLS older than 1.2, 2 usage or input error, 130 interrupted",
}

# The exit status of a process whose pipe reader went away, as if SIGPIPE had ended it (128 + 13),
# like cat, grep or yes in `... | head -1`.
EXIT_PIPE_CLOSED = 141


def _checked(check: Callable[[str, Any], Any], parse: Callable[[str], Any], kind: str) -> Callable[[str], Any]:
    """An argparse type: parses the text, then checks the value as the Python API does; argparse
    names the option ("argument --timeout: must be a number of seconds in (0, 600], got nan")."""

    def convert(text: str) -> Any:
        try:
            value = parse(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not {kind}: {text!r}") from None
        try:
            return check("value", value)
        except InvalidArgumentError as error:
            rule = str(error).removeprefix("value ").rsplit(", got ", 1)[0]
            raise argparse.ArgumentTypeError(f"{rule}, got {text}") from None

    return convert


# Native and API messages name options as the request does; the CLI user typed these.
_OPTION_NAMES = {"option 'ca_file'": "--ca-file"}

SECONDS = _checked(check_seconds, float, "a number")
COUNT = _checked(check_count, int, "an integer")
ENDPOINT_SECONDS = _checked(functools.partial(check_seconds, maximum=86400), float, "a number")
CONNECTIONS = _checked(functools.partial(check_count, maximum=16), int, "an integer")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tlsready", description="TLS readiness toolkit", formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="examples:\n"
               "  tlsready scan 127.0.0.1:8443 smtp://mail.example https://[::1]:8443/\n"
               "  tlsready scan -i targets.txt --policy m365 -o results.jsonl\n"
               "  tlsready verdict results.jsonl --policy m365\n"
               "  tlsready policy --reg machine.reg --against m365\n"
               "  tlsready suites --weak\n"
               "  tlsready clients results.jsonl --what-if no-tls10,no-tls11\n"
               "\n'tlsready COMMAND --help' shows each command's options and examples.\n\n" + EXIT_CODES)
    parser.add_argument("--version", action="version", version=f"tlsready {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    scan_cmd = commands.add_parser(
        "scan", help="probe TLS endpoints: versions, cipher suites, groups, certificate",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="examples:\n"
               "  tlsready scan 127.0.0.1:8443 [::1]:443\n"
               "  tlsready scan -i targets.txt --json       (one HOST:PORT per line, # comments)\n"
               "  printf '127.0.0.1:8443\\n' | tlsready scan -\n"
               "\nexit codes: 0 all scanned (and all ready with --policy), 1 some endpoint not ready (--policy),\n"
               "  2 usage or input error, 3 some target could not be scanned (wins over 1), 130 interrupted,\n"
               "  143 terminated (SIGTERM)")
    scan_cmd.add_argument("targets", nargs="*", metavar="TARGET",
                          help="endpoints, e.g. 127.0.0.1:8443, [::1]:443 or smtp://mail.example; - reads them from "
                               "standard input")
    scan_cmd.add_argument("-i", "--input", action="append", default=[], metavar="FILE", dest="input_files",
                          help="read targets from FILE (- for standard input): one per line, # comments, "
                               "blank lines skipped; repeatable, after the arguments' targets")
    scan_cmd.add_argument("--sni", help="server name to send (default: the host when it is a name)")
    scan_cmd.add_argument("--starttls", choices=STARTTLS_CHOICES,
                          help="plaintext protocol to upgrade first (default: implied by a well-known port)")
    scan_cmd.add_argument("--timeout", type=SECONDS, default=5.0, metavar="SECONDS",
                          help="bounds each step, in (0, 600]: the TCP connect, each STARTTLS reply, each send, "
                               "the server's whole answer to one hello, the OpenSSL handshake; trickling bytes do "
                               "not extend it (default 5)")
    scan_cmd.add_argument("--endpoint-timeout", type=ENDPOINT_SECONDS, default=None, metavar="SECONDS",
                          help="bounds each endpoint's whole scan (every connection and address); when it runs out "
                               "the endpoint is reported as endpoint_timeout with what was found "
                               "(default: max(30, 12 x --timeout))")
    scan_cmd.add_argument("--connections-per-endpoint", type=CONNECTIONS, default=4, metavar="N",
                          help="protocol versions of one endpoint probed at once, one connection each, 1..16 "
                               "(default 4)")
    scan_cmd.add_argument("--concurrency", type=COUNT, default=8, help="endpoints scanned at once, 1..1024 (default 8)")
    scan_cmd.add_argument("--ca-file", help="extra trusted CA certificates (PEM) for chain validation")
    scan_cmd.add_argument("--no-system-trust", action="store_true", help="do not trust the system CA store")
    scan_cmd.add_argument("--json", "--jsonl", action="store_true",
                          help="one JSON document per endpoint, one per line (JSONL), as each finishes")
    scan_cmd.add_argument("--csv", action="store_true",
                          help="one CSV row per endpoint as each finishes (RFC 4180, UTF-8; columns: target, host, "
                               "port, status, error_kind, error_message, versions, weaknesses, certificate_subject, "
                               "certificate_not_after, certificate_trusted, certificate_hostname_matches, "
                               "connections, elapsed_ms)")
    scan_cmd.add_argument("--output", "-o", metavar="FILE",
                          help="also write the JSONL results to FILE as they finish (replaces FILE; see --append)")
    scan_cmd.add_argument("--policy", metavar="NAME|FILE",
                          help="also judge each endpoint against a policy (tlsready policies, or a policy file): "
                               "its verdict under the report, or as the JSON line after the endpoint's")
    scan_cmd.add_argument("--append", action="store_true", help="with -o: add to FILE instead of replacing it")
    scan_cmd.add_argument("--resume", action="store_true",
                          help="with -o: skip targets that already have a result in FILE and add the others to it "
                               "(after an interrupted or killed run; a torn last line is scanned again)")
    _clients_command.add_scan_arguments(scan_cmd)
    _distributed_command.add_scan_arguments(scan_cmd)
    _clients_command.add_parser(commands)

    add_verdict_commands(commands)
    _suites_command.add_parser(commands)
    policy_cmd = commands.add_parser(
        "policy", help="audit local TLS policy: Windows registry exports, or this Linux machine / a mounted image")
    policy_cmd.add_argument("--reg", nargs="+", metavar="FILE",
                            help="`reg export` files or JSON registry snapshots of one Windows machine (layered)")
    policy_cmd.add_argument("--root", metavar="DIR", help="audit the Linux configuration under DIR (default /)")
    policy_cmd.add_argument("--os-version", help="Windows version for --reg (win7, server2019, 10.0.17763, ...)")
    policy_cmd.add_argument("--json", action="store_true", help="the report as one JSON document")
    policy_cmd.add_argument("--against", metavar="NAME|FILE",
                            help="also say whether each TLS stack of the machine reaches this policy's servers "
                                 "(m365, or a policy file with server_side); exit 1 when one does not")
    policy_cmd.add_argument("--remediate-reg", metavar="FILE",
                            help="write a .reg file with the registry fixes, and beside it its undo restoring the values as "
                                 "found (fix.reg -> fix.undo.reg)")
    policy_cmd.add_argument("--remediate-ps1", metavar="FILE",
                            help="write a PowerShell script with the fixes (supports -WhatIf and -Confirm; "
                                 "saves the values as found to -BackupPath before changing them)")
    from tlsready import _listen_command  # argparse only; the listener loads when the command runs
    _listen_command.add_parser(commands)
    for name, examples in _EXAMPLES.items():
        sub = commands.choices[name]
        sub.formatter_class = argparse.RawDescriptionHelpFormatter
        sub.epilog = examples
    return parser


def _silence(stream: TextIO) -> None:
    """Points a failed stdout at /dev/null, so the interpreter's final flush cannot fail again
    (that would print "Exception ignored" and exit 120)."""
    try:
        fd = stream.fileno()
    except (AttributeError, OSError, ValueError):
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, fd)
    finally:
        os.close(devnull)


def main(argv: Optional[Sequence[str]] = None, out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    """Exit codes: 0 done (all ready when a policy is applied), 1 findings (not ready), 2 bad arguments,
    input or an output that cannot be written, 3 (scan) some target could not be scanned, 130 interrupted
    (143 on SIGTERM), 141 the reader of stdout went away (quietly)."""
    args = _parser().parse_args(argv)
    # A TextIO by duck typing: write, flush and isatty are all the commands use (mypy --strict).
    stdout = cast(TextIO, OutputStream(out, "standard output"))
    try:
        if args.command == "scan":
            from tlsready._scan_command import run_scan
            return run_scan(args, stdout, err)
        if args.command == "policy":
            from tlsready._policy_command import run_policy
            return run_policy(args, stdout, err)
        if args.command == "clients":
            return _clients_command.run_clients(args, stdout, err)
        if args.command == "verdict":
            from tlsready._verdict_command import run_verdict
            return run_verdict(args, stdout, err)
        if args.command == "policies":
            from tlsready._verdict_command import run_policies
            return run_policies(args, stdout, err)
        if args.command == "suites":
            return _suites_command.run_suites(args, stdout, err)
        if args.command == "listen":
            from tlsready import _listen_command
            return _listen_command.run(args, stdout, err)
    except KeyboardInterrupt:  # Ctrl-C in any command (scan handles its own: it keeps what finished)
        err.write("tlsready: interrupted\n")
        return EXIT_INTERRUPTED
    except InvalidArgumentError as error:
        message = str(error)
        for api_name, option in _OPTION_NAMES.items():  # say it as the user wrote it
            message = message.replace(api_name, option)
        err.write(f"tlsready: {message}\n")
        return 2
    except OutputClosedError:
        _silence(out)
        return EXIT_PIPE_CLOSED
    except OutputError as error:
        err.write(f"tlsready: {error}\n")
        try:
            out.flush()
        except OSError:  # the failed output was stdout itself
            _silence(out)
        return 2
    return 2


if __name__ == "__main__":
    sys.exit(main())
