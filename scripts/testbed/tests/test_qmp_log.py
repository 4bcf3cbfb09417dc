import io
import json
import os
import socket
import tempfile
import threading
import unittest
from contextlib import redirect_stdout

import testbed

qmp = testbed.load("qmp-log.py")


class FakeQemu(threading.Thread):
    """QMP as QEMU speaks it on a unix socket: a greeting, a reply to qmp_capabilities, events, EOF."""

    def __init__(self, path, events):
        super().__init__(daemon=True)
        self.server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.server.bind(path)
        self.server.listen(1)
        self.events = events
        self.commands = []

    def run(self):
        client, _ = self.server.accept()
        with client, client.makefile("rw", encoding="utf-8", newline="\n") as stream:
            stream.write(json.dumps({"QMP": {"version": {}, "capabilities": []}}) + "\n")
            stream.flush()
            self.commands.append(json.loads(stream.readline()))
            stream.write(json.dumps({"return": {}}) + "\n")
            for event in self.events:
                stream.write(json.dumps(event) + "\n")
            stream.flush()
        self.server.close()


def shutdown(reason):
    return {"event": "SHUTDOWN", "data": {"guest": True, "reason": reason}, "timestamp": {"seconds": 1}}


class QmpLogTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.addCleanup(self.dir.cleanup)
        self.socket = os.path.join(self.dir.name, "qmp.sock")
        self.out = os.path.join(self.dir.name, "qmp.jsonl")

    def record(self, events):
        qemu = FakeQemu(self.socket, events)
        qemu.start()
        self.assertEqual(0, qmp.main(["qmp-log.py", self.socket, self.out, "5"]))
        qemu.join(5)
        return qemu

    def last_shutdown(self):
        out = io.StringIO()
        with redirect_stdout(out):
            code = qmp.main(["qmp-log.py", "--last-shutdown", self.out])
        return code, out.getvalue().strip()

    def test_records_the_events_after_negotiating_and_tells_the_last_shutdown_reason(self):
        qemu = self.record([{"event": "RESET", "data": {"guest": True}}, shutdown("guest-shutdown")])

        self.assertEqual([{"execute": "qmp_capabilities"}], qemu.commands)
        with open(self.out, encoding="utf-8") as recorded:
            self.assertEqual(["RESET", "SHUTDOWN"], [json.loads(line)["event"] for line in recorded])
        self.assertEqual((0, "guest-shutdown"), self.last_shutdown())

    def test_a_reset_is_told_apart_from_a_power_off(self):
        self.record([shutdown("guest-reset")])

        self.assertEqual((0, "guest-reset"), self.last_shutdown())

    def test_no_shutdown_recorded_is_a_failure_not_a_guess(self):
        self.record([{"event": "STOP"}])

        self.assertEqual(1, self.last_shutdown()[0])

    def test_a_socket_that_never_appears_fails_by_its_deadline(self):
        missing = os.path.join(self.dir.name, "missing.sock")
        self.assertEqual(1, qmp.main(["qmp-log.py", missing, self.out, "0.5"]))


if __name__ == "__main__":
    unittest.main()
