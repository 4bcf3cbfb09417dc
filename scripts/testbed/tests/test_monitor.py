"""monitor.py's reading of the console: event lines, testbed lines, fatal lines, and the verdicts
they lead to (no QEMU: the lines are fed to on_line directly)."""

import contextlib
import io
import json
import tempfile
import unittest

import testbed

PHASES = "params,network,ready,confirm,partition,zfs,keys,flake,install,finalize,reboot"


def monitor(scenario):
    return testbed.load("monitor.py", [scenario, "console.log", "qemu.pid", "summary.json"],
                        {"TESTBED_PHASES": PHASES, "TESTBED_TOKEN": "4711042:drive-scsi0-0-0-0:3221225472"})


def event(kind, phase=None, **fields):
    return "REINSTALLER " + json.dumps({"type": kind, "phase": phase, **fields})


class MonitorTest(unittest.TestCase):
    def setUp(self):
        self.out = io.StringIO()  # what the monitor says for a person
        self.enterContext(contextlib.redirect_stdout(self.out))

    def feed(self, m, *lines):
        for line in lines:
            m.on_line(line)

    def install(self, m, phases):
        for phase in phases:
            self.feed(m, event("phase-started", phase), event("phase-finished", phase, millis=1200))

    def test_phases_split_from_the_stage_2_list(self):
        m = monitor("happy-path")
        self.assertEqual(PHASES.split(",")[:-1], m.INSTALL_PHASES)
        self.assertEqual(["partition", "zfs", "keys", "flake", "install", "finalize"], m.DESTRUCTIVE)

    def test_an_install_that_ran_every_phase_and_rebooted_is_marked_not_yet_decided(self):
        m = monitor("happy-path")
        self.install(m, m.INSTALL_PHASES)
        self.feed(m, event("rebooting", "reboot", toOldSystem=False, inSeconds=5, reason="installed"))
        self.assertIsNone(m.verdict)  # decided when QEMU exits
        self.assertIn("rebooting", m.timings)
        self.assertIn("installer_ready", m.timings)
        self.assertIn("pool_exported", m.timings)
        self.assertEqual(m.INSTALL_PHASES, m.finished)
        self.assertEqual(2 * len(m.INSTALL_PHASES) + 1, len(m.events))

    def test_a_reboot_after_missing_phases_fails_the_install(self):
        m = monitor("metadata")
        self.install(m, ["params", "network", "ready", "confirm", "zfs"])
        self.feed(m, event("rebooting", "reboot", toOldSystem=False))
        self.assertFalse(m.verdict)
        self.assertIn("expected", m.why)

    def test_a_failed_phase_fails_the_install_with_its_message(self):
        m = monitor("happy-path")
        self.feed(m, event("phase-failed", "zfs", category="permanent", message="zpool create failed"))
        self.assertEqual((False, "phase zfs failed: zpool create failed"), (m.verdict, m.why))

    def test_a_refusing_scenario_fails_once_a_destructive_phase_finished(self):
        m = monitor("wrong-disk")
        self.install(m, ["params", "network", "ready", "confirm"])
        self.assertIsNone(m.verdict)
        self.install(m, ["partition"])
        self.assertEqual((False, "destructive phases ran: ['partition']"), (m.verdict, m.why))

    def test_wrong_disk_passes_when_confirm_refused_the_serial_and_the_ramdisk_came_up_again(self):
        m = monitor("wrong-disk")
        self.feed(m, "TESTBED ramdisk up")
        self.install(m, ["params", "network", "ready"])
        self.feed(m, event("phase-failed", "confirm", category="refused", message="disk serial differs"),
                  "TESTBED ramdisk up")
        self.assertTrue(m.verdict, m.why)
        self.assertIn("rebooted", m.timings)

    def test_legacy_disk_key_fails_when_params_accepts_the_line(self):
        m = monitor("legacy-disk-key")
        self.install(m, ["params"])
        self.assertEqual((False, "params accepted a command line with disk_key="), (m.verdict, m.why))

    def test_an_event_after_a_prompt_on_the_same_line_is_read(self):
        m = monitor("happy-path")
        self.feed(m, "reinstaller: disk key (passphrase of the new pool): " + event("phase-started", "confirm"))
        self.assertEqual(["confirm"], list(m.phase_started))
        self.assertIn("] reinstaller: disk key (passphrase of the new pool):\n", self.out.getvalue())

    def test_an_unreadable_event_is_passed_over(self):
        m = monitor("happy-path")
        self.feed(m, 'REINSTALLER {"type": "phase-started", "pha')
        self.assertEqual(([], None), (m.events, m.verdict))

    def test_a_kernel_panic_decides_at_once(self):
        m = monitor("happy-path")
        self.feed(m, "[    3.1] Kernel panic - not syncing: VFS: Unable to mount root fs")
        self.assertFalse(m.verdict)
        self.assertIn("Kernel panic", m.why)

    def test_only_a_long_soft_lockup_is_fatal(self):
        m = monitor("happy-path")
        self.feed(m, "watchdog: BUG: soft lockup - CPU#1 stuck for 26s! [swapper/1:0]")
        self.assertIsNone(m.verdict)
        self.feed(m, "watchdog: BUG: soft lockup - CPU#0 stuck for 120s! [java:231]")
        self.assertFalse(m.verdict)
        self.assertIn("120 s", m.why)

    def test_testbed_lines_mark_the_timings_and_the_memory(self):
        m = monitor("happy-path")
        self.feed(m, "TESTBED old-host up", "junk TESTBED old-host agent: plan", "loaded with kexec_file_load",
                  "TESTBED ramdisk memory: 1003456 812000 700500")
        self.assertEqual({"old_host_up", "agent_start", "kexec_loaded"}, set(m.timings))
        self.assertEqual({"memTotalKiB": 1003456, "availableAtStartKiB": 812000, "lowestAvailableKiB": 700500},
                         m.memory)

    def test_an_old_host_failure_decides(self):
        m = monitor("happy-path")
        self.feed(m, "TESTBED old-host agent install failed: exit 3")
        self.assertEqual((False, "old-host agent install failed: exit 3"), (m.verdict, m.why))

    def test_the_verify_boot_passes_on_its_done_line(self):
        m = monitor("verify")
        self.feed(m, "TESTBED verify up")
        self.assertEqual((None, {"verify_up"}), (m.verdict, set(m.timings)))
        self.feed(m, "TESTBED verify done")
        self.assertEqual((True, {"verify_up", "verify_done"}), (m.verdict, set(m.timings)))

    def test_an_install_passes_when_qemu_exits_after_its_reboot(self):
        m = monitor("happy-path")
        self.install(m, m.INSTALL_PHASES)
        self.feed(m, event("rebooting", "reboot", toOldSystem=False))
        m.judge_exit()
        self.assertTrue(m.verdict, m.why)

    def test_an_exit_before_the_reboot_fails(self):
        m = monitor("happy-path")
        self.install(m, ["params", "network"])
        m.judge_exit()
        self.assertEqual((False, "QEMU exited before the scenario was decided"), (m.verdict, m.why))

    def test_an_install_fails_at_the_exit_when_its_act_did_not_happen(self):
        m = monitor("metadata")
        self.install(m, m.INSTALL_PHASES)
        self.feed(m, event("rebooting", "reboot", toOldSystem=False))
        m.judge_exit()
        self.assertEqual((False, "all phases passed, but no event says runtime info came from the metadata service"),
                         (m.verdict, m.why))

    def test_the_console_is_read_in_whole_lines(self):
        m = monitor("happy-path")
        with tempfile.NamedTemporaryFile() as log:
            console = m.ConsoleLog(log.name)
            log.write(b"TESTBED old-host up\r\nREINSTALLER {")
            log.flush()
            self.assertEqual(["TESTBED old-host up"], console.new_lines())
            log.write(b'"type": "log"}\n')
            log.flush()
            self.assertEqual(['REINSTALLER {"type": "log"}'], console.new_lines())
            self.assertEqual([], console.new_lines())
        self.assertTrue(m.console_tail.endswith('REINSTALLER {"type": "log"}\n'))


if __name__ == "__main__":
    unittest.main()
