#!/usr/bin/env python3
"""Where a scenario's time went, from its run directory: each boot's stages (the monitor's marks in
summary*.json: QEMU started, old host up, agent started, kexec loaded, ramdisk up, installer ready,
pool exported, QEMU exited), each installer phase (its phase-finished event), and what the host did
around the boots (builds, images, checks: the wall time, in wall-seconds, minus the boots).

  timings.py RUN_DIR            one run as a table of stages and phases
  timings.py RUN_DIR RUN_DIR... one row per run (scripts/test prints this for the whole suite)
"""

import json
import pathlib
import sys

# The monitor's marks, in the order they happen; a boot has the ones its path passes.
MARKS = ["qemu_started", "old_host_up", "agent_start", "kexec_loaded", "ramdisk_up", "installer_ready",
         "pool_exported", "rebooting", "verify_up", "verify_done", "qemu_exited"]
STAGE = {
    "old_host_up": "old host boots",
    "agent_start": "agent starts",
    "kexec_loaded": "agent (facts, plan, load)",
    "ramdisk_up": "kexec to ramdisk up",
    "installer_ready": "ramdisk up to installer ready",
    "pool_exported": "installer ready to pool exported",
    "rebooting": "finalize to reboot",
    "verify_up": "verify ramdisk up",
    "verify_done": "verify checks",
    "qemu_exited": "to QEMU's exit",
}
COLUMNS = ["wall", "boots", "old host + agent", "kexec + ramdisk", "to ready", "phases", "verify",
           "host side"]


def boots(run):
    """(name, summary) of each boot of RUN, the main boot's first boot first and the verify boot last."""
    found = []
    for path in sorted(run.glob("summary*.json")):
        name = path.stem[len("summary"):].lstrip("-") or "main"
        try:
            found.append((name, json.loads(path.read_text())))
        except (OSError, ValueError):
            continue
    order = {"first": 0, "main": 1, "verify": 3}
    return sorted(found, key=lambda boot: (order.get(boot[0], 2), boot[0]))


def stages(summary):
    """(stage, seconds) between consecutive marks of one boot."""
    marks = sorted(((summary.get("timings") or {}).items()), key=lambda m: (m[1], MARKS.index(m[0])
                                                                            if m[0] in MARKS else 99))
    rows, last = [], 0.0
    for name, at in marks:
        if name != "qemu_started":
            rows.append((STAGE.get(name, name), round(at - last, 1)))
        last = at
    return rows


def phases(summary):
    """(phase, seconds) of each finished installer phase of one boot, in order."""
    return [(e.get("phase"), round(e.get("millis", 0) / 1000, 1)) for e in summary.get("events", [])
            if e.get("type") == "phase-finished"]


def boot_seconds(summary):
    return max((summary.get("timings") or {}).values(), default=0.0)


def wall(run):
    try:
        return float((run / "wall-seconds").read_text())
    except (OSError, ValueError):
        return None


def scenario(run):
    for _, summary in boots(run):
        if summary.get("scenario") and summary.get("scenario") != "verify":
            return summary["scenario"]
    return run.name


def line(indent, label, seconds):
    return f"{' ' * indent}{label:<{40 - indent}}{seconds:8.1f} s"


def table(run):
    """One run, a line a stage and a phase."""
    lines, total = [], 0.0
    for name, summary in boots(run):
        seconds = boot_seconds(summary)
        total += seconds
        lines.append(line(2, f"{name} boot", seconds))
        lines.extend(line(4, stage, s) for stage, s in stages(summary))
        lines.extend(line(6, f"installer {phase}", s) for phase, s in phases(summary))
    seconds = wall(run)
    if seconds is not None:
        lines.append(line(2, "host side (builds, images, checks)", seconds - total))
        lines.append(line(2, "whole scenario", seconds))
    return "\n".join(lines)


def columns(run):
    """The values of COLUMNS for one run (None where the run has no such part)."""
    sums = dict.fromkeys(COLUMNS[1:], 0.0)
    for name, summary in boots(run):
        t = summary.get("timings") or {}
        sums["boots"] += boot_seconds(summary)
        if name == "verify":
            sums["verify"] += boot_seconds(summary)
            continue
        start = t.get("kexec_loaded", 0.0)
        sums["old host + agent"] += start
        if "ramdisk_up" in t:
            sums["kexec + ramdisk"] += t["ramdisk_up"] - start
        if "installer_ready" in t and "ramdisk_up" in t:
            sums["to ready"] += t["installer_ready"] - t["ramdisk_up"]
        sums["phases"] += sum(s for phase, s in phases(summary) if phase not in ("params", "network", "ready"))
    seconds = wall(run)
    sums["wall"] = seconds
    sums["host side"] = None if seconds is None else seconds - sums["boots"]
    return [sums[c] for c in COLUMNS]


def rows(runs):
    width = max([len("scenario")] + [len(scenario(r)) for r in runs])
    head = f"{'scenario':<{width}}" + "".join(f"{c:>17}" for c in COLUMNS)
    out = [head]
    totals = [0.0] * len(COLUMNS)
    for run in runs:
        values = columns(run)
        out.append(f"{scenario(run):<{width}}" + "".join(
            f"{'-' if v is None else f'{v:.0f} s':>17}" for v in values))
        totals = [t + (v or 0.0) for t, v in zip(totals, values)]
    out.append(f"{'all':<{width}}" + "".join(f"{f'{t:.0f} s':>17}" for t in totals))
    return "\n".join(out)


def main(argv):
    runs = [pathlib.Path(a) for a in argv]
    if not runs or any(not r.is_dir() for r in runs):
        print(__doc__.strip(), file=sys.stderr)
        return 2
    print(table(runs[0]) if len(runs) == 1 else rows(runs))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
