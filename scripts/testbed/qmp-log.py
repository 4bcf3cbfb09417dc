#!/usr/bin/env python3
"""Records what QEMU itself reports about a boot: connects to QEMU's QMP socket, leaves the
capabilities negotiation, and writes every event QEMU sends (one JSON object a line) to OUT until
QEMU closes the socket. The one that matters is the last SHUTDOWN: its reason says whether the guest
powered itself off ("guest-shutdown") or reset ("guest-reset"), which -no-reboot makes look alike
from outside, since QEMU exits on both.

Usage: qmp-log.py SOCKET OUT [CONNECT_DEADLINE_SECONDS] | --last-shutdown OUT   (run by scripts/testbed/run)
"""
import json
import socket
import sys
import time


def connect(path, deadline):
    """The socket QEMU listens on, once it exists; None when QEMU never made it by the deadline."""
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        try:
            client = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            client.connect(path)
            return client
        except OSError:
            client.close()
            time.sleep(0.2)
    return None


def events(lines):
    """The event objects among QMP's lines (greeting and command replies left out)."""
    for line in lines:
        line = line.strip()
        if not line:
            continue
        try:
            message = json.loads(line)
        except ValueError:
            continue
        if isinstance(message, dict) and "event" in message:
            yield message


def last_shutdown_reason(path):
    """The reason of the last SHUTDOWN event recorded in PATH, or None when there is none."""
    reason = None
    with open(path, encoding="utf-8") as recorded:
        for event in events(recorded):
            if event.get("event") == "SHUTDOWN":
                reason = event.get("data", {}).get("reason")
    return reason


def main(argv):
    if len(argv) == 3 and argv[1] == "--last-shutdown":
        reason = last_shutdown_reason(argv[2])
        if reason is None:
            print(f"{argv[2]} records no SHUTDOWN event", file=sys.stderr)
            return 1
        print(reason)
        return 0
    if len(argv) not in (3, 4) or argv[1] in ("-h", "--help"):
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    path, out = argv[1], argv[2]
    deadline = float(argv[3]) if len(argv) == 4 else 120.0
    client = connect(path, deadline)
    if client is None:
        print(f"qmp-log: no QMP socket at {path} within {deadline:.0f} s", file=sys.stderr)
        return 1
    with client, client.makefile("rw", encoding="utf-8", newline="\n") as stream, \
            open(out, "w", encoding="utf-8") as recorded:
        stream.readline()  # the greeting
        stream.write(json.dumps({"execute": "qmp_capabilities"}) + "\n")
        stream.flush()
        for event in events(stream):
            recorded.write(json.dumps(event) + "\n")
            recorded.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
