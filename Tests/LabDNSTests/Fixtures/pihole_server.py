#!/usr/bin/env python3
"""A Pi-hole v6 FTL API stand-in for labdb's tests: the documented endpoints for
sessions, local DNS hosts and CNAME records, and misc.dnsmasq_lines (read with
GET /api/config/misc/dnsmasq_lines, replaced as a whole array by PATCH /api/config,
as FTL 6.4.1 does); state in memory, on 127.0.0.1 only.

Usage: pihole_server.py PORT_FILE PASSWORD [MAX_SEATS]
Writes the chosen port to PORT_FILE. Test hooks: GET /__state, POST /__control.
"""
import json
import secrets
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import unquote, urlsplit, parse_qs

PORT_FILE, PASSWORD = sys.argv[1], sys.argv[2]
MAX_SEATS = int(sys.argv[3]) if len(sys.argv) > 3 else 16

state = {
    "hosts": [], "cnameRecords": [], "dnsmasq_lines": [], "sessions": {}, "config_patches": 0,
    "logins": 0, "logouts": 0, "restarts": 0, "implicit_restarts": 0, "failed_logins": 0,
    "fail_put_containing": None,
}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def reply(self, status, body=None):
        data = b"" if body is None else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def error(self, status, key, message, hint=None):
        self.reply(status, {"error": {"key": key, "message": message, "hint": hint}, "took": 0.001})

    def body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def authorised(self):
        sid = self.headers.get("sid") or self.headers.get("X-FTL-SID")
        if sid in state["sessions"]:
            return True
        self.error(401, "unauthorized", "Unauthorized")
        return False

    def handle_any(self, method):
        url = urlsplit(self.path)
        path, query = url.path, parse_qs(url.query)
        raw = self.body()
        if path == "/__state" and method == "GET":
            view = {k: v for k, v in state.items() if k != "sessions"}
            view["open_sessions"] = len(state["sessions"])
            return self.reply(200, view)
        if path == "/__control" and method == "POST":
            state.update(json.loads(raw or b"{}"))
            return self.reply(200, {})
        if path == "/api/auth" and method == "POST":
            password = json.loads(raw or b"{}").get("password")
            if password != PASSWORD:
                state["failed_logins"] += 1
                return self.error(401, "unauthorized", "Unauthorized")
            if len(state["sessions"]) >= MAX_SEATS:
                return self.error(429, "api_seats_exceeded", "API seats exceeded", "increase webserver.api.max_sessions")
            sid = secrets.token_urlsafe(18)
            state["sessions"][sid] = True
            state["logins"] += 1
            return self.reply(200, {"session": {"valid": True, "totp": False, "sid": sid, "csrf": secrets.token_urlsafe(18),
                                                "validity": 1800, "message": "password correct"}, "took": 0.01})
        if path == "/api/auth" and method == "DELETE":
            sid = self.headers.get("sid")
            if sid not in state["sessions"]:
                return self.error(401, "unauthorized", "Unauthorized")
            del state["sessions"][sid]
            state["logouts"] += 1
            return self.reply(204)
        if path == "/api/action/restartdns" and method == "POST":
            if not self.authorised():
                return
            state["restarts"] += 1
            return self.reply(200, {"status": "restarting", "took": 0.001})
        if path == "/api/config/misc/dnsmasq_lines" and method == "GET":
            if not self.authorised():
                return
            return self.reply(200, {"config": {"misc": {"dnsmasq_lines": state["dnsmasq_lines"]}}, "took": 0.001})
        if path == "/api/config" and method == "PATCH":
            if not self.authorised():
                return
            try:
                change = json.loads(raw or b"{}")["config"]
            except (ValueError, KeyError, TypeError):
                return self.error(400, "bad_request", "Invalid request body", "expected {\"config\": {...}}")
            lines = change.get("misc", {}).get("dnsmasq_lines")
            if lines is not None:
                if not isinstance(lines, list) or not all(isinstance(line, str) for line in lines):
                    return self.error(400, "bad_request", "Config item is invalid", "misc.dnsmasq_lines must be an array of strings")
                # The array is replaced as a whole, and FTL restarts its resolver.
                state["dnsmasq_lines"] = lines
                state["config_patches"] += 1
            return self.reply(200, {"config": change, "took": 0.001})
        for key in ("hosts", "cnameRecords"):
            prefix = "/api/config/dns/" + key
            if path == prefix and method == "GET":
                if not self.authorised():
                    return
                return self.reply(200, {"config": {"dns": {key: state[key]}}, "took": 0.001})
            if path.startswith(prefix + "/") and method in ("PUT", "DELETE"):
                if not self.authorised():
                    return
                entry = unquote(path[len(prefix) + 1:])
                if query.get("restart", ["true"])[0] != "false":
                    state["implicit_restarts"] += 1
                if method == "PUT":
                    marker = state.get("fail_put_containing")
                    if marker and marker in entry:
                        return self.error(500, "database_error", "simulated failure")
                    if entry in state[key]:
                        return self.error(400, "bad_request", "Item already present", "Uniqueness of items is enforced")
                    state[key].append(entry)
                    return self.reply(201, {"config": {"dns": {key: state[key]}}, "took": 0.001})
                if entry not in state[key]:
                    return self.error(404, "not_found", "Item not found")
                state[key].remove(entry)
                return self.reply(204)
        return self.error(404, "not_found", "Not found")

    def do_GET(self):
        self.handle_any("GET")

    def do_POST(self):
        self.handle_any("POST")

    def do_PUT(self):
        self.handle_any("PUT")

    def do_DELETE(self):
        self.handle_any("DELETE")

    def do_PATCH(self):
        self.handle_any("PATCH")


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
with open(PORT_FILE + ".tmp", "w") as f:
    f.write(str(server.server_address[1]))
import os
os.rename(PORT_FILE + ".tmp", PORT_FILE)
server.serve_forever()
