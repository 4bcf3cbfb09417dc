import contextlib
import io
import ipaddress
import os
import struct
import tempfile
import unittest

import testbed


def query(name, qtype, ident=0x1234, questions=1):
    labels = b"".join(bytes([len(label)]) + label.encode() for label in name.split("."))
    return struct.pack("!HHHHHH", ident, 0x0100, questions, 0, 0, 0) + labels + b"\0" + struct.pack("!HH", qtype, 1)


def parse(packet, asked):
    ident, flags, qdcount, ancount = struct.unpack("!HHHH", packet[:8])
    at = len(asked)  # the question comes back as it was asked
    addresses = []
    for _ in range(ancount):
        _, _, _, _, length = struct.unpack("!HHHIH", packet[at:at + 12])
        addresses.append(str(ipaddress.ip_address(packet[at + 12:at + 12 + length])))
        at += 12 + length
    return ident, flags & 0x000F, addresses


class ResolverTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        with tempfile.NamedTemporaryFile("w", delete=False) as names:
            names.write("cache.nixos.org 198.51.100.80\ncache.nixos.org 2001:db8:ffff::80\n\n")
        cls.addClassCleanup(os.unlink, names.name)
        cls.resolver = testbed.load("resolver.py", [names.name])

    def ask(self, name, qtype, **fields):
        packet = query(name, qtype, **fields)
        with contextlib.redirect_stdout(io.StringIO()):  # the question's log line
            return parse(self.resolver.answer(packet), packet)

    def test_answers_a_with_the_ipv4_address(self):
        self.assertEqual((0x1234, 0, ["198.51.100.80"]), self.ask("cache.nixos.org", 1))

    def test_answers_aaaa_with_the_ipv6_address_whatever_the_case(self):
        self.assertEqual((0x1234, 0, ["2001:db8:ffff::80"]), self.ask("Cache.NixOS.org", 28))

    def test_a_known_name_without_such_records_has_no_data(self):
        self.assertEqual((0x1234, 0, []), self.ask("cache.nixos.org", 15))

    def test_an_unknown_name_does_not_exist(self):
        self.assertEqual((0x1234, 3, []), self.ask("channels.nixos.org", 1))

    def test_more_than_one_question_is_a_format_error(self):
        packet = query("cache.nixos.org", 1, questions=2)
        self.assertEqual(1, struct.unpack("!H", self.resolver.answer(packet)[2:4])[0] & 0x000F)


if __name__ == "__main__":
    unittest.main()
