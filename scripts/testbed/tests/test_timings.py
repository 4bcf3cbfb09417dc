"""timings.py's tables from run directories made here (no QEMU)."""

import json
import pathlib
import tempfile
import unittest

import testbed


def finished(phase, millis):
    return {"type": "phase-finished", "phase": phase, "millis": millis}


class TimingsTest(unittest.TestCase):
    def setUp(self):
        self.timings = testbed.load("timings.py")
        self.run = pathlib.Path(self.enterContext(tempfile.TemporaryDirectory()))

    def write(self, name, summary):
        (self.run / name).write_text(json.dumps(summary))

    def happy_path(self):
        self.write("summary.json", {
            "scenario": "happy-path",
            "timings": {"qemu_started": 0.1, "old_host_up": 6.0, "agent_start": 9.0, "kexec_loaded": 60.0,
                        "ramdisk_up": 80.0, "installer_ready": 110.0, "pool_exported": 140.0,
                        "qemu_exited": 145.0},
            "events": [finished("params", 1500), finished("network", 10000), finished("ready", 5),
                       finished("partition", 7700), finished("zfs", 15000)],
        })
        self.write("summary-verify.json", {"scenario": "verify",
                                           "timings": {"qemu_started": 0.1, "verify_up": 8.0, "verify_done": 37.0}})
        (self.run / "wall-seconds").write_text("300\n")

    def test_one_run_lists_each_boot_its_stages_and_phases_and_the_host_side(self):
        self.happy_path()
        text = self.timings.table(self.run)
        lines = [line.split() for line in text.splitlines()]
        self.assertEqual(["main", "boot", "145.0", "s"], lines[0])
        self.assertIn("agent (facts, plan, load)", text)
        self.assertRegex(text, r"agent \(facts, plan, load\) +51\.0 s")
        self.assertRegex(text, r"installer zfs +15\.0 s")
        self.assertRegex(text, r"verify boot +37\.0 s")
        self.assertRegex(text, r"host side \(builds, images, checks\) +118\.0 s")
        self.assertRegex(text.splitlines()[-1], r"whole scenario +300\.0 s")
        self.assertLess(text.index("main boot"), text.index("verify boot"))

    def test_several_runs_give_a_row_each_and_a_total(self):
        self.happy_path()
        other = pathlib.Path(self.enterContext(tempfile.TemporaryDirectory()))
        (other / "summary.json").write_text(json.dumps({"scenario": "metadata",
                                                        "timings": {"qemu_started": 0.1, "ramdisk_up": 20.0,
                                                                    "installer_ready": 30.0, "qemu_exited": 40.0}}))
        text = self.timings.rows([self.run, other])
        rows = [line.split() for line in text.splitlines()]
        self.assertEqual("scenario", rows[0][0])
        self.assertEqual(["happy-path", "300", "s", "182", "s"], rows[1][:5])
        self.assertEqual("metadata", rows[2][0])
        self.assertIn("-", rows[2], "a run without wall-seconds has no wall or host-side figure")
        self.assertEqual(["all", "300", "s", "222", "s"], rows[3][:5])

    def test_a_directory_without_summaries_is_an_empty_table_and_no_directory_a_usage_error(self):
        self.assertEqual("", self.timings.table(self.run))
        self.assertEqual(2, self.timings.main([str(self.run / "missing")]))


if __name__ == "__main__":
    unittest.main()
