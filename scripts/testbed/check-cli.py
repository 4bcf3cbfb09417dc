"""Checks what the operator CLI did in the cli scenario, from the files of the run directory:
- it exited 0, and its JSON summary says the server is done;
- its JSON lines carry the installer's phases, every one in order, then the reboot into the new system;
- it uploaded the agent and the bundle (the upload stage names the files sent);
- the ramdisk's sshd answered with the host key the agent generated: the fingerprint the CLI pinned
  (the install stage and the outcome) is the one stage 2's sshd loaded from the cpio (its console line);
- known_hosts ends with the installed system's keys for the host and [host]:2222 (the old host's key
  and the ramdisk's replaced);
- cli: the fake Hetzner API saw the token on every request and only lookups (GET), among them the
  server by name and the firewalls;
- cli-ssh (`ssh reinstall --host`, a machine without DMI identity): no API ran; the host is named by
  its address, with no server id; the old host's key came from known_hosts (nothing trusted on first
  use); the plan's token binds the disk alone (no-dmi:...), as --disk-only-confirmation accepted.

Usage: check-cli.py RUNDIR PHASES SCENARIO (PHASES comma-separated, as the images' phases file;
SCENARIO cli or cli-ssh)
Prints what it found; exits 0 when every check held, 1 otherwise.
"""

import base64
import hashlib
import json
import pathlib
import re
import sys

RUN = pathlib.Path(sys.argv[1])
EXPECTED = [p for p in sys.argv[2].split(",") if p != "reboot"]
SCENARIO = sys.argv[3]
HOST = "203.0.113.10"
problems = []


def check(ok, good, bad):
    print(("    ok: " + good) if ok else ("    FAILED: " + bad), flush=True)
    if not ok:
        problems.append(bad)


def fingerprint(blob):
    digest = hashlib.sha256(base64.b64decode(blob)).digest()
    return "SHA256:" + base64.b64encode(digest).decode().rstrip("=")


def main():
    rc = (RUN / "cli.rc").read_text().strip() if (RUN / "cli.rc").exists() else "missing"
    check(rc == "0", "the CLI exited 0", f"the CLI exited {rc}; its last words: "
          + " | ".join((RUN / "cli.stderr").read_text().strip().splitlines()[-3:]
                       if (RUN / "cli.stderr").exists() else []))
    lines = []
    for raw in (RUN / "cli.stdout").read_text().splitlines() if (RUN / "cli.stdout").exists() else []:
        try:
            lines.append(json.loads(raw))
        except json.JSONDecodeError:
            check(False, "", f"a line of stdout is not JSON: {raw[:120]}")
    stages = [(o["stage"], o["message"]) for o in lines if o.get("kind") == "stage"]
    events = [o["event"] for o in lines if o.get("kind") == "event"]
    outcomes = [o for o in lines if o.get("kind") == "outcome"]
    summary = [o for o in lines if o.get("kind") == "summary"]
    for stage, message in stages:
        print(f"    cli {stage}: {message}")

    results = [s.get("result") for s in summary[-1]["servers"]] if summary else []
    check(results == ["ok"], "the summary says the server is done", f"the summary's results are {results}")
    finished = [e["phase"] for e in events if e.get("type") == "phase-finished"]
    check(finished == EXPECTED, f"the CLI relayed the phases {','.join(finished)}",
          f"the CLI relayed the phases {finished}, expected {EXPECTED}")
    reboots = [e for e in events if e.get("type") == "rebooting"]
    check(len(reboots) == 1 and not reboots[0].get("toOldSystem"), "then the reboot into the new system",
          f"rebooting events: {reboots}")

    upload = [m for s, m in stages if s == "upload"]
    sent = re.match(r"sent (\d+) files", upload[0]) if upload else None
    check(sent is not None and int(sent.group(1)) > 0, f"the agent and the bundle were uploaded: {upload[:1]}",
          f"no upload: {upload}")

    pinned = outcomes[-1].get("ramdiskHostKey", "") if outcomes else ""
    at_install = [m for s, m in stages if s == "install" and pinned and pinned in m]
    check(bool(pinned) and bool(at_install), f"the agent's ramdisk key {pinned} was pinned at the kexec",
          f"the outcome's ramdisk key '{pinned}' is not the one the install stage named")
    console = (RUN / "console.log").read_text(errors="replace")
    loaded = re.findall(r"TESTBED ramdisk sshd host key (from the cpio|generated here): \d+ (SHA256:\S+)", console)
    check(loaded == [("from the cpio", pinned)], "stage 2's sshd loaded that key from the cpio",
          f"stage 2's sshd host key: {loaded}, the CLI pinned {pinned}")
    answered = [m for s, m in stages if s == "ramdisk" and pinned and pinned in m]
    check(bool(answered), f"the ramdisk answered with it: {answered[:1]}", "no 'ramdisk answers' stage")

    installed = {k["purpose"]: k["sha256"] for k in (outcomes[-1].get("hostKeys", []) if outcomes else [])}
    known = {}
    for line in (RUN / "known_hosts").read_text().splitlines():
        fields = line.split()
        if len(fields) >= 3:
            known.setdefault(fields[0], []).append(fingerprint(fields[2]))
    check(known.get(HOST) == [installed.get("ssh")] and known.get(f"[{HOST}]:2222") == [installed.get("initrd")],
          "known_hosts holds the installed system's keys for the host and [host]:2222",
          f"known_hosts: {known}, installed keys: {installed}")

    if SCENARIO == "cli-ssh":
        check_ssh_path(summary[-1]["servers"][0] if summary else {}, stages)
    else:
        check_api_lookups()
    return 1 if problems else 0


def check_ssh_path(server, stages):
    check(server.get("server") == HOST and "serverId" not in server and server.get("address") == HOST,
          f"the host is named by its address {HOST}, with no server id",
          f"the summary names the host {server.get('server')!r}, serverId {server.get('serverId')!r}")
    check(not (RUN / "hetzner-api.log").exists() and not (RUN / "hcloud-token").exists(),
          "no Hetzner API ran and no token existed", "a Hetzner API log or token exists")
    first_use = [m for s, m in stages if "first use" in m]
    check(not first_use and "note" not in server,
          "the old host's key was pinned from known_hosts (nothing trusted on first use)",
          f"something was trusted on first use: {first_use}, note {server.get('note')!r}")
    tokens = [m.removeprefix("confirmation token ") for s, m in stages if s == "plan" and m.startswith("confirmation")]
    check(len(tokens) == 1 and tokens[0].startswith("no-dmi:drive-scsi0-0-0-0:"),
          f"the plan's token binds the disk alone: {tokens[0] if tokens else ''}",
          f"the plan's tokens: {tokens}")
    stderr = (RUN / "cli.stderr").read_text() if (RUN / "cli.stderr").exists() else ""
    check("--disk-only-confirmation: on a host without a DMI serial or UUID" in stderr,
          "the CLI said it accepts a token bound to the disk alone", "the CLI did not repeat --disk-only-confirmation")


def check_api_lookups():
    requests = [json.loads(entry) for entry in (RUN / "hetzner-api.log").read_text().splitlines()]
    seen = sorted({f"{r['method']} {r['path']}" for r in requests})
    check(bool(requests) and all(r["authorized"] for r in requests)
          and all(r["method"] == "GET" for r in requests)
          and any(r["path"] == "/v1/servers" and "name=" in r["query"] for r in requests)
          and "GET /v1/firewalls" in seen,
          f"the API saw {len(requests)} authorized lookups: {', '.join(seen)}",
          f"the API saw: {requests}")


if __name__ == "__main__":
    sys.exit(main())
