"""The human-readable local-policy report (`tlsready policy`)."""

from __future__ import annotations

from typing import Any, Optional


def _windows_lines(windows: dict[str, Any]) -> list[str]:
    os_info = windows["os"]
    lines = [f"  Windows  {os_info['product_name']} ({os_info['version']}, {os_info['family']})"]
    lines.append("  SCHANNEL          client       server")
    for protocol in windows["schannel"]["protocols"]:
        lines.append(f"    {protocol['version']:<14} {protocol['client']['status']:<12} {protocol['server']['status']}")
    for generation in windows["dotnet"]:
        if generation["applicable"]:
            lines.append(f"  .NET {generation['generation']:<10} {generation['view']:<12} "
                         f"{', '.join(generation['protocols']) or 'none'}")
    for view in windows["winhttp"]["views"]:
        if view["applicable"]:
            lines.append(f"  WinHTTP {view['view']:<12} {view['mask']} {', '.join(view['protocols']) or 'none'}")
    lines.append(f"  WinINet             {windows['wininet']['mask']} {', '.join(windows['wininet']['protocols']) or 'none'}")
    return lines


def _version(field: Optional[dict[str, Any]], absent: str) -> str:
    """A version field ({"version": "TLSv1.2", "code": "0x0303"}) or null, as text."""
    return str(field["version"]) if field else absent


def _linux_lines(linux: dict[str, Any]) -> list[str]:
    openssl = linux["openssl"]
    lines = [f"  root {linux['root']}  {openssl['library_version']}  config {openssl['config_file'] or '-'}"]
    for role in ("client", "server"):
        r = openssl[role]
        lowest = _version(openssl["library_lowest_version"], "?")
        lines.append(f"  OpenSSL {role:<7} min {_version(r['min_version'], 'none set (library: ' + lowest + ')')}, "
                     f"max {_version(r['max_version'], 'none set')}, security level {r['security_level']}, "
                     f"negotiates {_version(r['lowest_negotiated'], '-')} .. {_version(r['highest_negotiated'], '-')}")
    policies = linux["crypto_policies"]
    if policies["present"]:
        lines.append(f"  crypto-policies {policies['base_policy']}"
                     + (":" + ":".join(policies["subpolicies"]) if policies["subpolicies"] else ""))
    for java in linux["java"]:
        disabled = [name for name, off in java["disabled"].items() if off]
        lines.append(f"  Java {java['version'] or '?'} {java['home']}: disabled {', '.join(disabled) or 'none'}")
    return lines


def format_policy(report: dict[str, Any]) -> str:
    """The human-readable local-policy report."""
    summary = report["summary"]
    lines = [f"Local TLS policy ({report['platform']}): " +
             (", ".join(f"{summary[name]} {name}" for name in ("critical", "high", "medium", "low", "info")
                        if summary.get(name)) or "no findings")]
    if report.get("windows"):
        lines += _windows_lines(report["windows"])
    if report.get("linux"):
        lines += _linux_lines(report["linux"])
    lines.append("  Findings")
    if not report["findings"]:
        lines.append("    none")
    for finding in report["findings"]:
        lines.append(f"    [{finding['severity'].upper()}] {finding['id']}: {finding['title']}")
        for evidence in finding["evidence"]:
            lines.append(f"      at  {evidence['location']}: {evidence['observed']}")
        lines.append(f"      fix {finding['fix']}")
    return "\n".join(lines)
