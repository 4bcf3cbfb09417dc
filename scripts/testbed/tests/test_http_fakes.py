"""The binary cache (over TLS with a certificate made here) and the metadata service."""

import contextlib
import http.client
import io
import pathlib
import ssl
import subprocess
import tempfile
import unittest

import testbed  # first: it puts the scripts' directory on the path
import fake_http

cache = testbed.load("binary-cache.py")
metadata = testbed.load("metadata.py")


def get(connection, path):
    connection.request("GET", path)
    response = connection.getresponse()
    return response.status, response.getheader("Content-Type"), response.read()


class BinaryCacheTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.TemporaryDirectory()
        cls.cert, cls.key = f"{cls.dir.name}/cert.pem", f"{cls.dir.name}/key.pem"
        subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                        "-days", "1", "-subj", "/CN=cache.nixos.org", "-addext", "subjectAltName=DNS:cache.nixos.org",
                        "-keyout", cls.key, "-out", cls.cert], check=True, capture_output=True, timeout=60)

    @classmethod
    def tearDownClass(cls):
        cls.dir.cleanup()

    def setUp(self):
        self.stderr = io.StringIO()  # where BaseHTTPRequestHandler logs each request
        self.enterContext(contextlib.redirect_stderr(self.stderr))
        self.port = testbed.serve(self, cache.tls_server("127.0.0.1", self.cert, self.key, port=0))

    def connect(self, context):
        connection = http.client.HTTPSConnection("127.0.0.1", self.port, timeout=10, context=context)
        self.addCleanup(connection.close)
        return connection

    def trusting(self):
        context = ssl.create_default_context(cafile=self.cert)
        context.check_hostname = False  # the name is cache.nixos.org, the address 127.0.0.1
        return context

    def test_answers_nix_cache_info_over_tls_with_its_certificate(self):
        status, kind, body = get(self.connect(self.trusting()), "/nix-cache-info")
        self.assertEqual((200, "text/x-nix-cache-info"), (status, kind))
        self.assertIn(b"StoreDir: /nix/store\n", body)

    def test_a_client_without_its_ca_refuses_it(self):
        with self.assertRaises(ssl.SSLCertVerificationError):
            get(self.connect(ssl.create_default_context()), "/nix-cache-info")

    def test_has_no_store_paths_and_logs_each_request(self):
        connection = self.connect(self.trusting())
        self.assertEqual(404, get(connection, "/abc123.narinfo")[0])
        self.assertEqual(200, get(connection, "/nix-cache-info")[0])
        log = self.stderr.getvalue()
        self.assertIn('"GET /abc123.narinfo HTTP/1.1" 404', log)
        self.assertIn('"GET /nix-cache-info HTTP/1.1" 200', log)  # what scripts/testbed/run looks for


class MetadataTest(unittest.TestCase):
    def setUp(self):
        directory = tempfile.TemporaryDirectory()
        self.addCleanup(directory.cleanup)
        root = pathlib.Path(directory.name)
        (root / "hostname").write_text("testbed-metadata\n")
        (root / "instance-id").write_text("4711042\n")
        (root / "network-config").write_text("config:\n- name: eth0\nversion: 1\n")
        self.enterContext(contextlib.redirect_stderr(io.StringIO()))
        port = testbed.serve(self, fake_http.Server("127.0.0.1", 0, metadata.handler(root)))
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        self.addCleanup(self.connection.close)

    def test_serves_each_key_as_its_file(self):
        self.assertEqual((200, "text/plain", b"4711042\n"), get(self.connection, "/hetzner/v1/metadata/instance-id"))
        self.assertEqual(b"config:\n- name: eth0\nversion: 1\n",
                         get(self.connection, "/hetzner/v1/metadata/network-config/")[2])

    def test_the_whole_document_lists_the_one_line_keys(self):
        status, _, body = get(self.connection, "/hetzner/v1/metadata?all")
        self.assertEqual((200, b"hostname: testbed-metadata\ninstance-id: 4711042\n"), (status, body))

    def test_an_unknown_key_is_not_found(self):
        self.assertEqual(404, get(self.connection, "/hetzner/v1/metadata/region")[0])
        self.assertEqual(404, get(self.connection, "/latest/meta-data")[0])


if __name__ == "__main__":
    unittest.main()
