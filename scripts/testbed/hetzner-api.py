"""A fake Hetzner Cloud API for the testbed's cli scenario, on 127.0.0.1 inside the run's network
namespace. It knows one server (the QEMU machine) and one firewall applied to it by label, and
answers what `reinstaller hetzner reinstall` looks up: GET /v1/servers?name=, GET /v1/servers/<id>,
GET /v1/servers?label_selector= and GET /v1/firewalls, in the API's JSON shapes (with pagination).
Every request needs the bearer token; anything else (every POST: reset, rescue, create) is answered
404 not_found. Each request is logged as one JSON line (method, path, query, whether the token
matched), so the scenario can prove the CLI only looked things up.

Usage: hetzner-api.py PORT TOKEN_FILE LOG_FILE NAME ID IPV4 IPV6_NET
"""

import http.server
import json
import sys
import urllib.parse

import fake_http

LABELS = {"role": "testbed"}
CREATED = "2024-01-01T00:00:00+00:00"
FIREWALL = {
    "id": 7, "name": "ssh-and-unlock", "labels": {}, "created": CREATED,
    "rules": [
        {"direction": "in", "protocol": "tcp", "port": port, "source_ips": ["0.0.0.0/0", "::/0"],
         "destination_ips": []}
        for port in ("22", "2222")
    ],
    "applied_to": [{"type": "label_selector", "label_selector": {"selector": "role=testbed"}}],
}


def server(name, ident, ipv4, ipv6):
    """The one server, as GET /v1/servers/<id> shows it."""
    return {
        "id": ident, "name": name, "status": "running", "created": CREATED,
        "public_net": {
            "ipv4": {"id": 1, "ip": ipv4, "blocked": False, "dns_ptr": "static.testbed"},
            "ipv6": {"id": 2, "ip": ipv6, "blocked": False, "dns_ptr": []},
            "floating_ips": [], "firewalls": [{"id": 7, "status": "applied"}],
        },
        "rescue_enabled": False, "locked": False, "labels": LABELS,
        "server_type": {"id": 1, "name": "cx22", "cores": 2, "memory": 4.0, "disk": 40},
        "datacenter": {"id": 4, "name": "fsn1-dc14", "location": {"id": 1, "name": "fsn1"}},
    }


def page(key, items):
    return {key: items, "meta": {"pagination": {
        "page": 1, "per_page": 50, "previous_page": None, "next_page": None, "last_page": 1,
        "total_entries": len(items)}}}


def matches(selector):
    for term in filter(None, selector.split(",")):
        key, _, value = term.partition("=")
        if LABELS.get(key.strip()) != value.strip():
            return False
    return True


def handler(token, log_file, machine):
    """The request handler for one token, request log and server."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def route(self, method):
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            url = urllib.parse.urlsplit(self.path)
            query = urllib.parse.parse_qs(url.query)
            authorized = self.headers.get("Authorization", "") == f"Bearer {token}"
            with open(log_file, "a") as log:
                log.write(json.dumps({"method": method, "path": url.path, "query": url.query,
                                      "authorized": authorized}) + "\n")
            if not authorized:
                return fake_http.reply_json(self, 401, {"error": {"code": "unauthorized", "message": "bad token"}})
            if method == "GET" and url.path == "/v1/servers":
                servers = [machine]
                if "name" in query:
                    servers = [s for s in servers if s["name"] == query["name"][0]]
                if "label_selector" in query:
                    servers = [s for s in servers if matches(query["label_selector"][0])]
                return fake_http.reply_json(self, 200, page("servers", servers))
            if method == "GET" and url.path == f"/v1/servers/{machine['id']}":
                return fake_http.reply_json(self, 200, {"server": machine})
            if method == "GET" and url.path == "/v1/firewalls":
                return fake_http.reply_json(self, 200, page("firewalls", [FIREWALL]))
            return fake_http.reply_json(
                self, 404, {"error": {"code": "not_found", "message": f"no {method} {url.path} here"}})

        def do_GET(self):
            self.route("GET")

        def do_POST(self):
            self.route("POST")

        def do_DELETE(self):
            self.route("DELETE")

        def log_message(self, fmt, *args):
            pass

    return Handler


def main(argv):
    port, token_file, log_file, name, ident, ipv4, ipv6 = argv
    with open(token_file) as f:
        token = f.read().strip()
    machine = server(name, int(ident), ipv4, ipv6)
    fake_http.Server("127.0.0.1", int(port), handler(token, log_file, machine)).serve_forever()


if __name__ == "__main__":
    main(sys.argv[1:8])
