import base64
import io
import os
import tempfile
import unittest
from unittest import mock

import testbed

find = testbed.load("find-secret.py")
SECRET = b"Zq8rT2vLw9XkP4mN7sB1cD5fG3hJ6yU0"  # as the run makes a disk key: base64 letters and digits


class FindSecretTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.addCleanup(self.dir.cleanup)
        self.secret_file = self.write("disk-key", SECRET + b"\n")

    def write(self, name, data):
        path = os.path.join(self.dir.name, name)
        with open(path, "wb") as f:
            f.write(data)
        return path

    def hits(self, data):
        return find.scan(self.write("data", data), find.forms(SECRET))

    def run_main(self, *argv):
        out = io.StringIO()
        return find.main([*argv], out=out), out.getvalue().splitlines()

    def test_finds_it_verbatim_where_it_stands(self):
        self.assertEqual([(100, "verbatim"), (300, "verbatim")],
                         self.hits(b"x" * 100 + SECRET + b"y" * 168 + SECRET))

    def test_finds_it_in_base64_at_every_alignment_within_a_longer_stream(self):
        for before in range(6):
            for after in range(4):
                data = os.urandom(before) + SECRET + os.urandom(after)
                encoded = b"text " + base64.b64encode(data) + b" more"
                found = {name for _, name in self.hits(encoded)}
                self.assertEqual({f"base64+{before % 3}"}, found & {"base64+0", "base64+1", "base64+2"},
                                 f"{before} bytes before, {after} after: {found}")

    def test_finds_it_in_hex_of_either_case(self):
        self.assertEqual([(4, "hex")], self.hits(b"key=" + SECRET.hex().encode()))
        self.assertEqual([(0, "HEX")], self.hits(SECRET.hex().upper().encode() + b"\n"))

    def test_finds_nothing_when_a_byte_inside_differs(self):
        other = SECRET[:16] + b"!" + SECRET[17:]
        self.assertEqual([], self.hits(other + base64.b64encode(b"a" + other) + other.hex().encode()))

    def test_finds_it_across_a_chunk_boundary(self):
        with mock.patch.object(find, "CHUNK", 4096):
            self.assertEqual([(4096 - 5, "verbatim")], self.hits(b"." * (4096 - 5) + SECRET + b"." * 8192))

    def test_reads_the_data_after_a_hole(self):
        path = os.path.join(self.dir.name, "sparse")
        with open(path, "wb") as f:
            f.truncate(64 * 1024 * 1024)
            f.seek(40 * 1024 * 1024 - 10)  # across two blocks
            f.write(SECRET)
        self.assertEqual([(40 * 1024 * 1024 - 10, "verbatim")], find.scan(path, find.forms(SECRET)))

    def test_main_prints_each_hit_and_fails(self):
        a = self.write("a", b"...." + SECRET)
        b = self.write("b", b"nothing here")
        self.assertEqual((1, [f"{a} 4 verbatim"]), self.run_main(self.secret_file, a, b))
        self.assertEqual((0, []), self.run_main(self.secret_file, b))

    def test_accepts_only_the_hits_that_were_there_before(self):
        disk = self.write("disk", b"old copy: " + SECRET + b"\n")
        status, before = self.run_main(self.secret_file, disk)
        known = self.write("before", "\n".join(before).encode() + b"\n")
        self.assertEqual((0, []), self.run_main("--known", known, self.secret_file, disk))
        with open(disk, "ab") as f:
            f.write(b"new: " + base64.b64encode(SECRET))
        status, after = self.run_main("--known", known, self.secret_file, disk)
        self.assertEqual((1, [f"{disk} 48 base64+0"]), (status, after))
        moved = self.write("disk", b"moved copy: " + SECRET + b"\n")  # the same key, another place
        self.assertEqual((1, [f"{moved} 12 verbatim"]), self.run_main("--known", known, self.secret_file, moved))


if __name__ == "__main__":
    unittest.main()
