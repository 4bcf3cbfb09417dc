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

PORT, TOKEN_FILE, LOG, NAME, ID, IPV4, IPV6 = sys.argv[1:8]
TOKEN = open(TOKEN_FILE).read().strip()
LABELS = {"role": "testbed"}
CREATED = "2024-01-01T00:00:00+00:00"

SERVER = {
    "id": int(ID), "name": NAME, "status": "running", "created": CREATED,
    "public_net": {
        "ipv4": {"id": 1, "ip": IPV4, "blocked": False, "dns_ptr": "static.testbed"},
        "ipv6": {"id": 2, "ip": IPV6, "blocked": False, "dns_ptr": []},
        "floating_ips": [], "firewalls": [{"id": 7, "status": "applied"}],
    },
    "rescue_enabled": False, "locked": False, "labels": LABELS,
    "server_type": {"id": 1, "name": "cx22", "cores": 2, "memory": 4.0, "disk": 40},
    "datacenter": {"id": 4, "name": "fsn1-dc14", "location": {"id": 1, "name": "fsn1"}},
}
FIREWALL = {
    "id": 7, "name": "ssh-and-unlock", "labels": {}, "created": CREATED,
    "rules": [
        {"direction": "in", "protocol": "tcp", "port": port, "source_ips": ["0.0.0.0/0", "::/0"],
         "destination_ips": []}
        for port in ("22", "2222")
    ],
    "applied_to": [{"type": "label_selector", "label_selector": {"selector": "role=testbed"}}],
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


class Handler(http.server.BaseHTTPRequestHandler):
    def answer(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def route(self, method):
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        url = urllib.parse.urlsplit(self.path)
        query = urllib.parse.parse_qs(url.query)
        authorized = self.headers.get("Authorization", "") == f"Bearer {TOKEN}"
        with open(LOG, "a") as log:
            log.write(json.dumps({"method": method, "path": url.path, "query": url.query,
                                  "authorized": authorized}) + "\n")
        if not authorized:
            return self.answer(401, {"error": {"code": "unauthorized", "message": "bad token"}})
        if method == "GET" and url.path == "/v1/servers":
            servers = [SERVER]
            if "name" in query:
                servers = [s for s in servers if s["name"] == query["name"][0]]
            if "label_selector" in query:
                servers = [s for s in servers if matches(query["label_selector"][0])]
            return self.answer(200, page("servers", servers))
        if method == "GET" and url.path == f"/v1/servers/{ID}":
            return self.answer(200, {"server": SERVER})
        if method == "GET" and url.path == "/v1/firewalls":
            return self.answer(200, page("firewalls", [FIREWALL]))
        return self.answer(404, {"error": {"code": "not_found", "message": f"no {method} {url.path} here"}})

    def do_GET(self):
        self.route("GET")

    def do_POST(self):
        self.route("POST")

    def do_DELETE(self):
        self.route("DELETE")

    def log_message(self, fmt, *args):
        pass


http.server.ThreadingHTTPServer(("127.0.0.1", int(PORT)), Handler).serve_forever()
