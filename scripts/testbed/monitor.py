"""Follows a testbed guest's serial console while QEMU runs: prints progress for a person, checks
the scenario's expectations and per-phase deadlines, stops QEMU (by its own pid, nothing else) when
the scenario is decided or a deadline passes, and writes a JSON summary with the timings.

Some scenarios also act for the host while the guest waits: they reach the guest from QEMU's
network namespace (nsenter + curl through the testbed's status forward) or type on its serial
console (a socket). What they need comes from the environment run sets: TESTBED_MAC,
TESTBED_OTHER_MAC, TESTBED_DISK, TESTBED_DISK_SHA256, TESTBED_DISK_KEY (a file; the key is never
an argument), TESTBED_TOKEN, TESTBED_FORWARD_PORT, TESTBED_CONSOLE_SOCKET.

Usage: monitor.py SCENARIO CONSOLE_LOG QEMU_PIDFILE SUMMARY_JSON
SCENARIO is the scenario's name, or the role of one of its further boots: "power-cut" (kill QEMU
the moment the ramdisk reports that rpool exists, as a power cut would) or "verify" (the boot that
imports the installed pool and reports what it holds).
Exit status: 0 when the scenario's expectations held, 1 otherwise.
"""

import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time

SCENARIO, CONSOLE, PIDFILE, SUMMARY = sys.argv[1:5]
PHASE_DEADLINE = float(os.environ.get("TESTBED_PHASE_DEADLINE", "180"))
TOTAL_DEADLINE = float(os.environ.get("TESTBED_TOTAL_DEADLINE", "900"))
# The phases the ramdisk runs (from the images), without the final reboot, which the scenarios see
# as a rebooting (or, with --after poweroff, a powering-off) event and QEMU's exit.
INSTALL_PHASES = [p for p in os.environ["TESTBED_PHASES"].split(",") if p != "reboot"]
DESTRUCTIVE = INSTALL_PHASES[INSTALL_PHASES.index("confirm") + 1:]
# Scenarios that install: they differ in what the old host or the disk holds and how the ramdisk
# gets its runtime info, key and confirmation. The others must never pass confirm.
INSTALLS = ("happy-path", "oversized", "metadata", "legacy", "interrupted", "reinstall-over",
            "cli", "cli-ssh")
FATAL = ("Kernel panic", "KVM internal error", "Initramfs unpacking failed", "TESTBED boot failed")
# A guest CPU stuck this long is not coming back. Shorter soft lockups can be a starved host's TCG
# thread, so they are only shown.
LOCKUP = re.compile(r"soft lockup - CPU#\d+ stuck for (\d+)s")
LOCKUP_FATAL_SECONDS = 120

start = time.monotonic()
timings = {}
memory = {}  # the ramdisk's, from testbed-hooks (KiB)
events = []
finished = []
failed = []
reboots = []
verdict = None
why = ""
phase_started = {}
qemu = None
console_tail = ""
power_cut = False


def now():
    return time.monotonic() - start


def say(text):
    print(f"[{now():6.1f}s] {text}", flush=True)


def mark(name):
    if name not in timings:
        timings[name] = round(now(), 1)


def decide(ok, reason):
    global verdict, why
    if verdict is None:
        verdict, why = ok, reason


def on_event(event):
    kind, phase = event.get("type"), event.get("phase")
    events.append(event)
    if kind == "phase-started":
        phase_started[phase] = now()
        say(f"installer: {phase} ...")
    elif kind == "phase-finished":
        phase_started.pop(phase, None)
        finished.append(phase)
        say(f"installer: {phase} done ({event.get('millis', 0) / 1000:.1f} s)")
        if phase == "ready":
            mark("installer_ready")
        if phase == "finalize":
            mark("pool_exported")
    elif kind == "phase-failed":
        phase_started.pop(phase, None)
        failed.append(event)
        say(f"installer: {phase} FAILED ({event.get('category')}): {event.get('message')}")
    elif kind == "waiting":
        say(f"installer: {phase} waits for {event.get('what')} until {event.get('deadline')}")
    elif kind == "host-keys":
        for key in event.get("keys", []):
            say(f"installer: host key {key['purpose']}: {key['type']} {key['sha256']}")
    elif kind == "rebooting":
        reboots.append(event)
        where = "the old system" if event.get("toOldSystem") else "the new system"
        say(f"installer: rebooting into {where} in {event.get('inSeconds')} s: {event.get('reason')}")
    elif kind == "powering-off":
        reboots.append(event)
        say(f"installer: powering off in {event.get('inSeconds')} s: {event.get('reason')}")
    elif kind == "log":
        say(f"installer: {phase}: {event.get('line')}")
    judge_events()
    if verdict is None:
        ACT.on_event(event)


def judge_events():
    if SCENARIO in INSTALLS:
        if failed:
            decide(False, f"phase {failed[0]['phase']} failed: {failed[0]['message']}")
        elif any(not r.get("toOldSystem") for r in reboots):
            if finished[: len(INSTALL_PHASES)] == INSTALL_PHASES:
                mark("rebooting")
            else:
                decide(False, f"rebooting after phases {finished}, expected {INSTALL_PHASES} in order")
    elif SCENARIO == "power-cut":
        if failed:
            decide(False, f"phase {failed[0]['phase']} failed before the power cut: {failed[0]['message']}")
    elif SCENARIO != "verify":
        destructive = [p for p in finished if p in DESTRUCTIVE]
        if destructive:
            decide(False, f"destructive phases ran: {destructive}")
        elif SCENARIO == "network-restore" and failed:
            decide(False, f"phase {failed[0]['phase']} failed: {failed[0]['message']}")
        elif SCENARIO == "legacy-disk-key" and "params" in finished:
            decide(False, "params accepted a command line with disk_key=")


def on_line(line):
    # An event or a testbed line normally starts its own line, but a console prompt without a newline
    # (the installer asking for the key) can precede it on the same line.
    at = line.find("REINSTALLER {")
    if at >= 0:
        if at > 0:
            say(line[:at].strip())
        try:
            on_event(json.loads(line[at + len("REINSTALLER "):]))
        except json.JSONDecodeError:
            say(f"unreadable event line: {line[:200]}")
        return
    at = line.find("TESTBED ")
    if at > 0:
        say(line[:at].strip())
        line = line[at:]
    if judge_kernel(line):
        return
    if line.startswith("TESTBED "):
        on_testbed_line(line[len("TESTBED "):])
    elif line.startswith("loaded with "):
        say(f"agent: {line}")
        mark("kexec_loaded")
    elif "reinstaller" in line.lower() and not line.startswith("REINSTALLER"):
        say(line)


def judge_kernel(line):
    """A fatal line or a soft lockup decides (a short lockup is only shown); True when LINE was one."""
    if any(f in line for f in FATAL):
        say(line)
        decide(False, line)
        return True
    lockup = LOCKUP.search(line)
    if lockup:
        say(line)
        if int(lockup.group(1)) >= LOCKUP_FATAL_SECONDS:
            decide(False, f"the guest kernel reports a CPU stuck for {lockup.group(1)} s: {line}")
        return True
    return False


def on_testbed_line(text):
    """A line the testbed's guest scripts print after "TESTBED "."""
    say(text if len(text) < 200 else text[:120] + f" ... ({len(text)} characters)")
    ACT.on_testbed_line(text)
    if text.startswith("old-host up"):
        mark("old_host_up")
    elif text.startswith("old-host agent: plan"):
        mark("agent_start")
    elif text.startswith("ramdisk up"):
        if "ramdisk_up" in timings and SCENARIO not in INSTALLS:
            mark("rebooted")
            judge_reboot()
        mark("ramdisk_up")
    elif "failed" in text and text.startswith("old-host"):
        decide(False, text)
    elif text.startswith("ramdisk deadline: rebooting") or text.startswith("ramdisk fallback: rebooting"):
        mark("watchdog_reboot")
    elif text.startswith("ramdisk memory: "):
        memory.update(zip(("memTotalKiB", "availableAtStartKiB", "lowestAvailableKiB"),
                          map(int, text.split(":", 1)[1].split())))
    elif text.startswith("ramdisk pool rpool is up") and SCENARIO == "power-cut":
        cut_power()
    elif text.startswith("verify ") and SCENARIO == "verify":
        judge_verify(text[len("verify "):])


def judge_reboot():
    if SCENARIO == "wrong-disk":
        bad = [f for f in failed if f["phase"] == "confirm" and "serial" in f["message"]]
        if bad and not any(p in finished for p in DESTRUCTIVE):
            decide(True, "confirm refused the disk serial, nothing was written, the machine rebooted")
        else:
            decide(False, f"rebooted, but confirm did not refuse the disk serial: {failed}")
    elif SCENARIO == "no-confirm":
        waited = [e for e in events if e.get("type") == "waiting" and e.get("phase") == "confirm"]
        bad = [f for f in failed if f["phase"] == "confirm" and "deadline" in f["message"]]
        # Two watchdogs race here: the ramdisk's own (counted from its boot) and the installer's
        # (counted from the run's start, a JVM start later). Either reboot is right.
        by = "the installer" if bad else "the ramdisk's watchdog" if "watchdog_reboot" in timings else None
        if waited and by and not any(p in finished for p in DESTRUCTIVE):
            decide(True, f"confirm waited, the deadline passed, nothing was written, {by} rebooted the machine")
        else:
            decide(False, f"rebooted, but not after a confirm deadline: {failed}")
    elif SCENARIO == "legacy-disk-key":
        bad = [f for f in failed if f["phase"] == "params" and f["category"] == "refused"
               and "disk_key=" in f["message"] and "POST /disk-key" in f["message"]]
        if bad and not any(p in finished for p in DESTRUCTIVE):
            decide(True, "params refused disk_key= and said why, nothing was written, the machine rebooted")
        else:
            decide(False, f"rebooted, but params did not refuse disk_key= with its reason: {failed}")
    else:
        decide(False, "the machine rebooted before the scenario was decided")


# Acting for the host: each interactive scenario is an Act whose hooks the monitor calls.

def in_namespace(argv, timeout=30):
    """Runs a command in QEMU's network namespace (the run's private one)."""
    return subprocess.run(["nsenter", f"--net=/proc/{qemu}/ns/net", *argv],
                          capture_output=True, text=True, timeout=timeout)


def http(method, address, path, data_file=None, data=None):
    """One request from the namespace through the status forward: (HTTP status or 0, body or error)."""
    host = f"[{address}]" if ":" in address else address
    url = f"http://{host}:{os.environ['TESTBED_FORWARD_PORT']}{path}"
    argv = ["curl", "-sS", "-m", "10", "-X", method, "-o", "-", "-w", "\n%{http_code}", url]
    if data_file is not None:
        argv += ["--data-binary", "@" + data_file]
    if data is not None:
        argv += ["--data-binary", data]
    try:
        result = in_namespace(argv)
    except subprocess.TimeoutExpired:
        return 0, "no answer within 30 s"
    body, _, code = result.stdout.rpartition("\n")
    return (int(code) if code.isdigit() else 0), (body.strip() or result.stderr.strip())


def disk_unchanged(when):
    """Hashes the data disk (QEMU writes through the host's page cache) against its hash before boot."""
    disk, before = os.environ["TESTBED_DISK"], os.environ["TESTBED_DISK_SHA256"]
    digest = subprocess.run(["sha256sum", disk], capture_output=True, text=True, timeout=300).stdout.split()[0]
    if digest != before:
        decide(False, f"the data disk changed while the installer was {when}")
        return False
    say(f"host: the data disk is unchanged while the installer is {when}")
    return True


class Act:
    """What a scenario does for the host besides watching the console."""

    def start(self):
        """Before QEMU's pid file is awaited; False when the scenario cannot go on."""
        return True

    def on_event(self, event):
        pass

    def on_testbed_line(self, text):
        pass

    def tick(self):
        pass

    def missing(self):
        """For an install scenario: what it still lacks when the ramdisk reboots, or None."""
        return None


class NetworkRestore(Act):
    """The NIC with runtime info's MAC gets the public addresses and routes, the other NIC nothing,
    and the status forward answers on both addresses from the namespace."""

    REPORTS = ("net-addr", "net-route4", "net-route6")
    V4, V6 = "203.0.113.10", "2001:db8:1234::1"

    def __init__(self):
        self.report = {}

    def on_testbed_line(self, text):
        if text.startswith("ramdisk net-report:"):
            decide(False, text)
        for name in self.REPORTS:
            prefix = f"ramdisk {name}:"
            if text.startswith(prefix):
                try:
                    self.report[name] = json.loads(text[len(prefix):])
                except json.JSONDecodeError as e:
                    decide(False, f"the {name} report is no JSON: {e}")
        if len(self.report) == len(self.REPORTS) and verdict is None:
            self.judge()

    def judge(self):
        problems, summary = self.network()
        if problems:
            decide(False, "the network is not restored as runtime info says: " + "; ".join(problems))
            return
        say(f"host: {summary}")
        for address in (self.V4, self.V6):
            state = self.status(address)
            if state is None:
                return
            say(f"host: GET /status through the forward on {address}: state {state}")
        decide(True, f"{summary}; GET /status answered from the namespace on {self.V4} and {self.V6}")

    def network(self):
        links = self.report["net-addr"]
        routes = self.report["net-route4"] + self.report["net-route6"]
        mac, other_mac = os.environ["TESTBED_MAC"], os.environ["TESTBED_OTHER_MAC"]
        public = next((link for link in links if link.get("address") == mac), None)
        other = next((link for link in links if link.get("address") == other_mac), None)
        if public is None or other is None:
            return [f"the ramdisk lacks the NIC with MAC {m}" for m, link in ((mac, public), (other_mac, other))
                    if link is None], None
        name, other_name = public["ifname"], other["ifname"]

        def addresses(link):
            return {f"{a['local']}/{a['prefixlen']}" for a in link.get("addr_info", []) if a.get("scope") != "link"}

        def defaults(dev):
            return {r.get("gateway") for r in routes if r.get("dst") == "default" and r.get("dev") == dev}

        problems = []
        missing = {f"{self.V4}/32", f"{self.V6}/64"} - addresses(public)
        if missing:
            problems.append(f"{name} ({mac}) lacks {sorted(missing)}, has {sorted(addresses(public))}")
        if defaults(name) != {"172.31.1.1", "fe80::1"}:
            problems.append(f"{name} ({mac}) has default routes via {sorted(defaults(name))},"
                            " expected 172.31.1.1 and fe80::1")
        if addresses(other):
            problems.append(f"the other NIC {other_name} ({other_mac}) got {sorted(addresses(other))}")
        stray = [r for r in routes if r.get("dev") == other_name and not r.get("dst", "").startswith("fe80::")]
        if stray:
            problems.append(f"the other NIC {other_name} ({other_mac}) got routes {stray}")
        summary = (f"{name} ({mac}) holds {self.V4}/32 and {self.V6}/64 with default routes via 172.31.1.1"
                   f" and fe80::1; the other NIC {other_name} ({other_mac}, {other.get('operstate')}) has"
                   " no address and no route")
        return problems, summary

    def status(self, address):
        """The state GET /status reports through the forward, retried for 30 s; None after deciding."""
        until = now() + 30
        while True:
            code, body = http("GET", address, "/status")
            if code == 200:
                try:
                    return json.loads(body)["state"]
                except (json.JSONDecodeError, KeyError, TypeError):
                    decide(False, f"GET /status on {address} answered no status: {body[:200]}")
                    return None
            if now() > until:
                decide(False, f"GET /status on {address} through the forward: {code} {body[:200]}")
                return None
            time.sleep(1)


class Metadata(Act):
    """Runtime info must come from the metadata service; the host types the disk key at the console
    prompt (the token is on the command line, so nothing else may be asked).

    The serial console is a socket here, and QEMU waits for this connection before it starts the
    guest; everything read from it goes to the console log (QEMU's own log file of a socket console
    doubles a character now and then while a client is connected)."""

    PROMPT = "reinstaller: disk key (passphrase of the new pool): "
    # The installer turns echo off just after showing the prompt; typing earlier would echo the key.
    TYPE_AFTER = 5.0

    def __init__(self):
        self.from_metadata = False
        self.asked = False
        self.prompt_at = None
        self.typed = False
        self.console = None

    def start(self):
        path = os.environ["TESTBED_CONSOLE_SOCKET"]
        while self.console is None and now() < 30:
            try:
                console = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                console.connect(path)
                self.console = console
            except OSError:
                console.close()
                time.sleep(0.1)
        if self.console is None:
            decide(False, f"QEMU's console socket {path} did not accept a connection within 30 s")
            return False
        threading.Thread(target=self.relay, daemon=True).start()
        return True

    def relay(self):
        with open(CONSOLE, "ab") as log:
            try:
                while chunk := self.console.recv(65536):
                    log.write(chunk)
                    log.flush()
            except OSError:
                pass

    def on_event(self, event):
        kind, phase, text = event.get("type"), event.get("phase"), event.get("line") or event.get("what") or ""
        if kind == "log" and phase == "params" and text.startswith("runtime info from metadata"):
            self.from_metadata = True
        elif kind == "waiting" and text.startswith("disk key"):
            self.asked = True
        elif kind == "waiting":
            decide(False, f"confirm waits for {text}, although reinstaller.confirm= was on the command line")

    def tick(self):
        if not self.asked or self.typed:
            return
        if self.prompt_at is None:
            if self.PROMPT in console_tail:
                self.prompt_at = now()
                say("host: the console asks for the disk key")
        elif now() - self.prompt_at >= self.TYPE_AFTER:
            self.type_key()

    def type_key(self):
        with open(os.environ["TESTBED_DISK_KEY"], "rb") as f:
            key = f.read().strip()
        self.console.sendall(key + b"\r")
        self.typed = True
        say("host: typed the disk key on the serial console")

    def missing(self):
        if not self.from_metadata:
            return "no event says runtime info came from the metadata service"
        if not self.typed:
            return "the disk key was never asked for on the console"
        return None


class Legacy(Act):
    """While confirm waits, the disk must be unchanged; the key, a wrong token (refused) and the right
    token go through the status forward; nothing destructive may start before the right token."""

    def __init__(self):
        self.token = os.environ["TESTBED_TOKEN"]
        self.wrong = self.token.replace("drive-scsi0-0-0-0", "drive-scsi0-0-0-1")
        self.disk_checks = 0
        self.key_sent = self.wrong_sent = self.wrong_refused = self.token_sent = False

    def on_event(self, event):
        kind, phase, text = event.get("type"), event.get("phase"), event.get("line") or event.get("what") or ""
        if kind == "waiting" and text.startswith("disk key") and not self.key_sent:
            if self.disk_is_unchanged("waiting for the disk key"):
                self.key_sent = self.post("/disk-key", "the disk key", data_file=os.environ["TESTBED_DISK_KEY"])
        elif kind == "waiting" and text.startswith("confirmation token") and not self.wrong_sent:
            if self.disk_is_unchanged("waiting for the confirmation, with the key"):
                self.wrong_sent = self.post("/confirm", f"a wrong token {self.wrong}", data=self.wrong)
        elif kind == "log" and phase == "confirm" and "does not match" in text and self.wrong_sent:
            self.wrong_refused = True
            if not self.token_sent:
                self.token_sent = self.post("/confirm", f"the token {self.token}", data=self.token)
        elif kind == "phase-started" and phase in DESTRUCTIVE and not self.token_sent:
            decide(False, f"{phase} began before the host sent the confirmation: the installer did not wait")

    def disk_is_unchanged(self, when):
        if disk_unchanged(when):
            self.disk_checks += 1
            return True
        return False

    def post(self, path, what, **body):
        code, answer = http("POST", "203.0.113.10", path, **body)
        if code != 202:
            decide(False, f"POST {path} with {what} through the forward: {code} {answer[:200]}")
            return False
        say(f"host: POST {path} with {what}: {code} {answer}")
        return True

    def missing(self):
        if self.disk_checks < 2:
            return f"the disk was checked {self.disk_checks} times while confirm waited, expected 2"
        if not (self.key_sent and self.wrong_refused and self.token_sent):
            return "the key, the refused wrong token and the token were not all delivered"
        return None


ACT = {"network-restore": NetworkRestore, "metadata": Metadata, "legacy": Legacy}.get(SCENARIO, Act)()


def cut_power():
    """power-cut: SIGKILL at once, so the pool is left as it stood (no export, no further dataset)."""
    global power_cut
    if "zfs" in finished:
        decide(False, "rpool was reported only after the zfs phase had finished: too late for a power cut")
        return
    os.kill(qemu, signal.SIGKILL)
    power_cut = True
    mark("power_cut")
    decide(True, f"power cut during the zfs phase, right after rpool was created (phases done: {finished})")


def judge_verify(text):
    if text.startswith("up"):
        mark("verify_up")
    elif text.startswith("done"):
        mark("verify_done")
        decide(True, "the verify boot reported its results")
    elif text.startswith("failed"):
        decide(False, text)


def qemu_pid():
    try:
        with open(PIDFILE) as f:
            return int(f.read().strip())
    except (OSError, ValueError):
        return None


def alive(pid):
    try:
        os.kill(pid, 0)
        return True
    except ProcessLookupError:
        return False


def stop_qemu(pid):
    if pid is None or not alive(pid):
        return
    os.kill(pid, signal.SIGTERM)
    for _ in range(50):
        if not alive(pid):
            return
        time.sleep(0.1)
    os.kill(pid, signal.SIGKILL)


class ConsoleLog:
    """The console log as QEMU (or the Metadata act's relay) appends to it, read line by line."""

    def __init__(self, path):
        self.path, self.position, self.pending = path, 0, b""

    def new_lines(self):
        """The lines completed since the last call, without carriage returns and outer blanks."""
        global console_tail
        with open(self.path, "rb") as f:
            f.seek(self.position)
            chunk = f.read()
        self.position += len(chunk)
        self.pending += chunk
        console_tail = (console_tail + chunk.decode("utf-8", "replace"))[-8192:]
        *lines, self.pending = self.pending.split(b"\n")
        return [raw.decode("utf-8", "replace").replace("\r", "").strip() for raw in lines]


def judge_exit():
    """QEMU exited: an install that reached its reboot passes unless its act still lacks something."""
    mark("qemu_exited")
    if SCENARIO in INSTALLS and "rebooting" in timings:
        missing = ACT.missing()
        if missing:
            decide(False, f"all phases passed, but {missing}")
        else:
            decide(True, "all phases passed in order, the pool was exported, the ramdisk rebooted")
    else:
        decide(False, "QEMU exited before the scenario was decided")


def check_deadlines():
    for phase, began in phase_started.items():
        if now() - began > PHASE_DEADLINE:
            decide(False, f"phase {phase} ran longer than {PHASE_DEADLINE:.0f} s")
    if now() > TOTAL_DEADLINE:
        decide(False, f"the scenario took longer than {TOTAL_DEADLINE:.0f} s")


def main():
    global qemu
    pid = None
    if not ACT.start():
        return finish(None)
    while pid is None and now() < 30:
        pid = qemu_pid()
        time.sleep(0.1)
    if pid is None:
        decide(False, "QEMU did not start (no pid file)")
        return finish(None)
    qemu = pid
    mark("qemu_started")
    say(f"QEMU started (pid {pid})")
    console = ConsoleLog(CONSOLE)
    while verdict is None:
        exited = not alive(pid)  # before the read, so the console is read to its end after an exit
        for line in console.new_lines():
            on_line(line)
            if verdict is not None:
                break
        if verdict is not None:
            break
        if exited:
            judge_exit()
            break
        check_deadlines()
        if verdict is None:
            ACT.tick()
        time.sleep(0.2)
    return finish(pid)


def finish(pid):
    for _ in range(100 if power_cut else 0):  # the kill is sent; wait up to 10 s for the exit
        if not alive(pid):
            break
        time.sleep(0.1)
    stop_qemu(pid)
    with open(SUMMARY, "w") as f:
        json.dump(
            {"scenario": SCENARIO, "passed": bool(verdict), "reason": why, "timings": timings, "memory": memory,
             "phasesFinished": finished, "failures": failed, "events": events},
            f, indent=2)
    say(("PASSED: " if verdict else "FAILED: ") + why)
    return 0 if verdict else 1


if __name__ == "__main__":
    sys.exit(main())
