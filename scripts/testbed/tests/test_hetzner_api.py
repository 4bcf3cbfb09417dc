import json
import tempfile
import unittest
import urllib.error
import urllib.request

import testbed  # first: it puts the scripts' directory on the path
import fake_http

api = testbed.load("hetzner-api.py")
TOKEN = "s3cret-token"


class HetznerApiTest(unittest.TestCase):
    def setUp(self):
        directory = tempfile.TemporaryDirectory()
        self.addCleanup(directory.cleanup)
        self.log = f"{directory.name}/api.log"
        machine = api.server("testbed-cli", 4711042, "203.0.113.10", "2001:db8:1234::/64")
        self.port = testbed.serve(self, fake_http.Server("127.0.0.1", 0, api.handler(TOKEN, self.log, machine)))

    def call(self, path, method="GET", token=TOKEN):
        request = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}", method=method,
                                         data=b"{}" if method == "POST" else None)
        if token is not None:
            request.add_header("Authorization", f"Bearer {token}")
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status, json.load(response)
        except urllib.error.HTTPError as e:
            return e.code, json.load(e)

    def requests(self):
        with open(self.log) as f:
            return [json.loads(line) for line in f]

    def test_finds_the_server_by_name_and_by_no_other(self):
        status, body = self.call("/v1/servers?name=testbed-cli")
        self.assertEqual(200, status)
        self.assertEqual([4711042], [s["id"] for s in body["servers"]])
        self.assertEqual(1, body["meta"]["pagination"]["total_entries"])
        self.assertEqual("203.0.113.10", body["servers"][0]["public_net"]["ipv4"]["ip"])
        self.assertEqual([], self.call("/v1/servers?name=other")[1]["servers"])

    def test_finds_the_server_by_id(self):
        status, body = self.call("/v1/servers/4711042")
        self.assertEqual((200, "testbed-cli"), (status, body["server"]["name"]))
        self.assertEqual(404, self.call("/v1/servers/4711043")[0])

    def test_selects_the_server_by_its_label(self):
        self.assertEqual(1, len(self.call("/v1/servers?label_selector=role%3Dtestbed")[1]["servers"]))
        self.assertEqual([], self.call("/v1/servers?label_selector=role%3Dweb")[1]["servers"])
        self.assertEqual([], self.call("/v1/servers?label_selector=role%3Dtestbed,env%3Dprod")[1]["servers"])

    def test_lists_the_firewall_applied_by_the_server_label(self):
        status, body = self.call("/v1/firewalls")
        self.assertEqual(200, status)
        firewall, = body["firewalls"]
        self.assertEqual(["22", "2222"], [r["port"] for r in firewall["rules"]])
        selector = firewall["applied_to"][0]["label_selector"]["selector"]
        self.assertTrue(api.matches(selector), selector)

    def test_needs_the_bearer_token(self):
        self.assertEqual(401, self.call("/v1/servers?name=testbed-cli", token=None)[0])
        status, body = self.call("/v1/firewalls", token="wrong")
        self.assertEqual((401, "unauthorized"), (status, body["error"]["code"]))

    def test_answers_every_change_not_found(self):
        status, body = self.call("/v1/servers/4711042/actions/reset", method="POST")
        self.assertEqual((404, "not_found"), (status, body["error"]["code"]))
        self.assertEqual(404, self.call("/v1/servers/4711042", method="DELETE")[0])

    def test_logs_every_request_with_whether_the_token_matched(self):
        self.call("/v1/servers?name=testbed-cli")
        self.call("/v1/firewalls", token="wrong")
        self.call("/v1/servers/4711042/actions/poweroff", method="POST")
        self.assertEqual([
            {"method": "GET", "path": "/v1/servers", "query": "name=testbed-cli", "authorized": True},
            {"method": "GET", "path": "/v1/firewalls", "query": "", "authorized": False},
            {"method": "POST", "path": "/v1/servers/4711042/actions/poweroff", "query": "", "authorized": True},
        ], self.requests())


if __name__ == "__main__":
    unittest.main()
