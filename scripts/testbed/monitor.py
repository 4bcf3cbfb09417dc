"""Follows a testbed guest's serial console while QEMU runs: prints progress for a person, checks
the scenario's expectations and per-phase deadlines, stops QEMU (by its own pid, nothing else) when
the scenario is decided or a deadline passes, and writes a JSON summary with the timings.

Usage: monitor.py SCENARIO CONSOLE_LOG QEMU_PIDFILE SUMMARY_JSON
Exit status: 0 when the scenario's expectations held, 1 otherwise.
"""

import json
import os
import signal
import sys
import time

SCENARIO, CONSOLE, PIDFILE, SUMMARY = sys.argv[1:5]
PHASE_DEADLINE = float(os.environ.get("TESTBED_PHASE_DEADLINE", "180"))
TOTAL_DEADLINE = float(os.environ.get("TESTBED_TOTAL_DEADLINE", "900"))
# The phases the ramdisk runs (from the images), without the final reboot, which the scenarios see
# as a rebooting event and QEMU's exit.
INSTALL_PHASES = [p for p in os.environ["TESTBED_PHASES"].split(",") if p != "reboot"]
DESTRUCTIVE = INSTALL_PHASES[INSTALL_PHASES.index("confirm") + 1:]
# Scenarios that install: they differ only in what the old host holds and who runs the agent there.
INSTALLS = ("happy-path", "oversized", "cli")
FATAL = ("Kernel panic", "KVM internal error", "Initramfs unpacking failed", "TESTBED boot failed")

start = time.monotonic()
timings = {}
events = []
finished = []
failed = []
reboots = []
verdict = None
why = ""
phase_started = {}


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
    elif kind == "log":
        say(f"installer: {phase}: {event.get('line')}")
    judge_events()


def judge_events():
    if SCENARIO in INSTALLS:
        if failed:
            decide(False, f"phase {failed[0]['phase']} failed: {failed[0]['message']}")
        elif any(not r.get("toOldSystem") for r in reboots):
            if finished[: len(INSTALL_PHASES)] == INSTALL_PHASES:
                mark("rebooting")
            else:
                decide(False, f"rebooting after phases {finished}, expected {INSTALL_PHASES} in order")
    elif SCENARIO in ("wrong-disk", "no-confirm"):
        destructive = [p for p in finished if p in DESTRUCTIVE]
        if destructive:
            decide(False, f"destructive phases ran: {destructive}")


def on_line(line):
    # An event normally starts its own line, but a console prompt without a newline (the installer
    # asking for the key) can precede it on the same line.
    at = line.find("REINSTALLER {")
    if at >= 0:
        if at > 0:
            say(line[:at].strip())
        try:
            on_event(json.loads(line[at + len("REINSTALLER "):]))
        except json.JSONDecodeError:
            say(f"unreadable event line: {line[:200]}")
        return
    if any(f in line for f in FATAL):
        say(line)
        decide(False, line)
        return
    if line.startswith("TESTBED "):
        text = line[len("TESTBED "):]
        say(text)
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
    elif line.startswith("loaded with "):
        say(f"agent: {line}")
        mark("kexec_loaded")
    elif "reinstaller" in line.lower() and not line.startswith("REINSTALLER"):
        say(line)


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


def main():
    pid = None
    while pid is None and now() < 30:
        pid = qemu_pid()
        time.sleep(0.1)
    if pid is None:
        decide(False, "QEMU did not start (no pid file)")
        return finish(None)
    mark("qemu_started")
    say(f"QEMU started (pid {pid})")
    position, pending = 0, b""
    while verdict is None:
        with open(CONSOLE, "rb") as f:
            f.seek(position)
            chunk = f.read()
            position += len(chunk)
        pending += chunk
        *lines, pending = pending.split(b"\n")
        for raw in lines:
            on_line(raw.decode("utf-8", "replace").replace("\r", "").strip())
            if verdict is not None:
                break
        if verdict is not None:
            break
        if not alive(pid):
            mark("qemu_exited")
            if SCENARIO in INSTALLS and "rebooting" in timings:
                decide(True, "all phases passed in order, the pool was exported, the ramdisk rebooted")
            else:
                decide(False, "QEMU exited before the scenario was decided")
            break
        for phase, began in phase_started.items():
            if now() - began > PHASE_DEADLINE:
                decide(False, f"phase {phase} ran longer than {PHASE_DEADLINE:.0f} s")
        if now() > TOTAL_DEADLINE:
            decide(False, f"the scenario took longer than {TOTAL_DEADLINE:.0f} s")
        time.sleep(0.2)
    return finish(pid)


def finish(pid):
    stop_qemu(pid)
    with open(SUMMARY, "w") as f:
        json.dump(
            {"scenario": SCENARIO, "passed": bool(verdict), "reason": why, "timings": timings,
             "phasesFinished": finished, "failures": failed, "events": events},
            f, indent=2)
    say(("PASSED: " if verdict else "FAILED: ") + why)
    return 0 if verdict else 1


sys.exit(main())
