"""`tlsready clients LOGS... [--format FORMAT]`: who still uses TLS 1.0/1.1, from server logs.

The `clients` command reads both kinds of file: endpoint-scan documents (JSONL, the client forecast)
and server logs (this module). A file whose first non-blank byte is '{' is a scan document."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, Any, Optional, TextIO

from tlsready._errors import InvalidArgumentError
if TYPE_CHECKING:  # the command's own modules are imported when it runs: the CLI starts lean
    from tlsready._legacy_clients import LegacyClients

EPILOG_EXAMPLES = """\
server logs (who still uses TLS 1.0/1.1):
  tlsready clients C:\\inetpub\\logs\\LogFiles\\W3SVC1\\u_ex2611*_x.log
  tlsready clients --format iis --limit 20 u_ex261130_x.log
  tlsready clients --events u_ex261130_x.log > events.jsonl   (one TLS-use event per line)
  tlsready clients --json u_ex261130_x.log                    (the legacy-clients document)
  tlsready clients "C:\Program Files\Microsoft\Exchange Server\V15\TransportRoles\Logs\FrontEnd\ProtocolLog\SmtpReceive\RECV*.LOG"
  tlsready clients --format 'nginx:$remote_addr [$time_local] "$request" "$http_user_agent" $ssl_protocol $ssl_cipher' \\
      /var/log/nginx/access.log                                   (the log_format string, as in nginx.conf)
  tlsready clients --format nginx:@/etc/nginx/nginx.conf:tls /var/log/nginx/tls.log   (the log_format named tls)
  tlsready clients /var/log/httpd/ssl_request_log                 (mod_ssl's stock log: --format apache)
  tlsready clients --format 'apache:%h %l %u %t "%r" %>s %b "%{User-Agent}i" %{SSL_PROTOCOL}x %{SSL_CIPHER}x' \\
      ssl_access_log
  tlsready clients --format 'haproxy:%ci:%cp [%tr] %ft %b/%s %ST %B %sslv %sslc %{+Q}r' /var/log/haproxy.log
  tlsready clients --format postfix /var/log/mail.log             (smtpd/smtp "TLS connection established")
  tlsready clients --format dovecot /var/log/mail.log             (imap-login/pop3-login lines; add %k to
      login_log_format_elements to log the version: without it a login says only "TLS")
  tlsready clients schannel.xml                                   (wevtutil qe System /q:"*[System[Provider[@Name='Schannel']]]" /f:xml)
  tlsready clients --format pcap capture.pcapng                   (each ClientHello: JA3/JA4, nearest client profile)
"""


def add_arguments(clients_cmd: argparse.ArgumentParser) -> None:
    clients_cmd.add_argument("--format", metavar="FORMAT",
                             help="the log format of the files: iis (W3C with the crypt-* fields), exchange-smtp "
                                  "(SMTP Receive/Send protocol logs), nginx:LOG_FORMAT or nginx:@NGINX.CONF:NAME, "
                                  "apache (mod_ssl's ssl_request_log) or apache:LOGFORMAT, haproxy:LOG-FORMAT, "
                                  "postfix, dovecot, schannel-events (Windows SCHANNEL events 36880/36874/36888 as "
                                  "event XML or .evtx), pcap (pcap/pcapng captures), or auto (recognised from each "
                                  "file: IIS, Exchange, the stock apache log, Postfix, Dovecot, SCHANNEL events, "
                                  "captures; the default for logs). The line format is the "
                                  "server's own format string, as in its configuration (see the examples)")
    clients_cmd.add_argument("--events", action="store_true",
                             help="with logs: write every TLS-use event as JSONL as it is read, then nothing else")
    clients_cmd.add_argument("--limit", type=int, default=0, metavar="N",
                             help="with logs: at most N clients, sites and users in each list (default: all)")


def is_log_run(args: argparse.Namespace) -> bool:
    """Logs when --format says so or the first file is not a JSON document."""
    if getattr(args, "format", None):
        return True
    if not args.results:
        return False
    try:
        with open(args.results[0], "rb") as handle:
            head = handle.read(4096).lstrip(b"\xef\xbb\xbf \t\r\n")
    except OSError:
        return False  # the scan-document reader names the file
    return not head.startswith(b"{")


def _protocols(counts: dict[str, int]) -> str:
    return " ".join(f"{name} {count}" for name, count in sorted(counts.items()))


def _format_report(report: LegacyClients) -> str:
    lines = [f"{report.uses} TLS uses in {len(report.sources)} file(s), {report.legacy_uses} with TLS older "
             f"than 1.2 ({_protocols(report.protocols)})"]
    for source in report.sources:
        read = source["read"]
        notes = []
        if read["plain"]:
            notes.append(f"{read['plain']} plain HTTP")
        if read["without_tls_fields"]:
            notes.append(f"{read['without_tls_fields']} logged without the crypt-* fields (enable them in IIS: "
                         "crypt-protocol, crypt-cipher, crypt-hash, crypt-keyexchange)")
        if source["format"] == "dovecot" and read["unknown_values"]:
            notes.append(f"{read['unknown_values']} logins say only TLS, not which version (add %k to Dovecot's "
                         "login_log_format_elements)")
        if read["malformed"]:
            shown = ", ".join(str(line) for line in read["malformed_lines"])
            notes.append(f"{read['malformed']} malformed (lines {shown})")
        if read["unterminated_last_line"]:
            notes.append("last line cut off")
        lines.append(f"  {source['file']} [{source['format']}]: {read['events']} TLS uses"
                     + ("; " + "; ".join(notes) if notes else ""))
    if not report.clients:
        lines.append("No client used TLS older than 1.2.")
        return "\n".join(lines)
    lines.append("Clients that used TLS older than 1.2 (most first):")
    for client in report.clients:
        who = client["client_address"] or "(no address)"
        agent = client["user_agent"] or (f"EHLO {client['client_name']}" if client.get("client_name") else
                                         "(no user agent)")
        users = ", ".join(client["users"]["names"])
        lines.append(f"  {who}  {agent}")
        lines.append(f"      {client['legacy_uses']} of {client['uses']} uses ({_protocols(client['protocols'])}), "
                     f"{client['first_legacy_use'] or '?'} .. {client['last_legacy_use'] or '?'}"
                     + (f", users: {users}" if users else ""))
    left = report.raw["clients"]["left_off"]
    if left:
        lines.append(f"  ... and {left} more (--limit)")
    if report.sites:
        lines.append("By site: " + ", ".join(f"{site['site']} {site['legacy_uses']}" for site in report.sites))
    return "\n".join(lines)


def run(args: argparse.Namespace, out: TextIO, err: Optional[TextIO] = None) -> int:
    from tlsready._legacy_clients import legacy_clients
    if not args.results:
        raise InvalidArgumentError("clients --format: give the log files to read")
    if args.what_if or args.client:
        raise InvalidArgumentError("--what-if and --client go with endpoint-scan documents, not with logs")
    if args.limit < 0:
        raise InvalidArgumentError(f"--limit must be >= 0, not {args.limit}")

    def write_event(event: dict[str, Any]) -> None:
        out.write(json.dumps(event) + "\n")

    report = legacy_clients(args.results, format=args.format or "auto", limit=args.limit,
                            on_event=write_event if args.events else None)
    if args.events:
        return 0
    if args.json:
        out.write(report.to_json() + "\n")
    else:
        out.write(_format_report(report) + "\n")
    return 1 if report.legacy_uses else 0
