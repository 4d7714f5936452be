#!/usr/bin/env python3
"""A Cloudflare API v4 stand-in for labdb's tests: zone lookup, paginated DNS record
listing, the batch endpoint (deletes, patches, puts, posts in one transaction, at most
200 operations), bearer-token auth, 429 with retry-after and 5xx switches. 127.0.0.1 only.

Usage: cloudflare_server.py PORT_FILE TOKEN ZONE
Test hooks: GET /__state, POST /__control (switches), POST /__seed (records, e.g. foreign ones).
"""
import json
import os
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit, parse_qs

PORT_FILE, TOKEN, ZONE = sys.argv[1], sys.argv[2], sys.argv[3]
ZONE_ID = "0123456789abcdef0123456789abcdef"

state = {
    "records": {}, "next_id": 1, "batches": [], "requests": 0, "rate_limited": 0, "server_errors": 0,
    "rate_limit_next": 0, "retry_after": "1", "fail_next": 0, "fail_always": False, "list_pages": 0,
}


def new_id():
    state["next_id"] += 1
    return "rec%05d" % state["next_id"]


def store(fields, record=None):
    record = dict(record or {})
    record.update({k: v for k, v in fields.items() if k in ("type", "name", "content", "ttl", "proxied", "comment")})
    record["name"] = record["name"].lower().rstrip(".")
    record.setdefault("ttl", 1)
    record.setdefault("proxied", False)
    if record["proxied"]:
        record["ttl"] = 1  # proxied records always have automatic TTL
    record.setdefault("comment", None)
    return record


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def reply(self, status, body, headers=None):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def ok(self, result, info=None):
        body = {"success": True, "errors": [], "messages": [], "result": result}
        if info:
            body["result_info"] = info
        self.reply(200, body)

    def fail(self, status, code, message, headers=None):
        self.reply(status, {"success": False, "errors": [{"code": code, "message": message}], "messages": [], "result": None}, headers)

    def handle_any(self, method):
        url = urlsplit(self.path)
        path, query = url.path, parse_qs(url.query)
        length = int(self.headers.get("Content-Length") or 0)
        body = json.loads(self.rfile.read(length)) if length else {}
        if path == "/__state":
            return self.reply(200, {k: (list(v.values()) if k == "records" else v) for k, v in state.items()})
        if path == "/__control":
            state.update(body)
            return self.reply(200, {})
        if path == "/__seed":
            for fields in body:
                rid = new_id()
                state["records"][rid] = dict(store(fields), id=rid)
            return self.reply(200, {})
        state["requests"] += 1
        if self.headers.get("Authorization") != "Bearer " + TOKEN:
            return self.fail(403, 9109, "Invalid access token")
        if state["rate_limit_next"] > 0:
            state["rate_limit_next"] -= 1
            state["rate_limited"] += 1
            return self.fail(429, 971, "Please wait and consider throttling your request speed", {"retry-after": state["retry_after"]})
        if state["fail_always"] or state["fail_next"] > 0:
            state["fail_next"] = max(0, state["fail_next"] - 1)
            state["server_errors"] += 1
            return self.fail(503, 10000, "Service temporarily unavailable")
        if path == "/zones" and method == "GET":
            zones = [{"id": ZONE_ID, "name": ZONE, "status": "active"}]
            return self.ok([z for z in zones if z["name"] == query.get("name", [ZONE])[0]])
        prefix = "/zones/%s/dns_records" % ZONE_ID
        if path == prefix and method == "GET":
            state["list_pages"] += 1
            page, per_page = int(query.get("page", ["1"])[0]), int(query.get("per_page", ["100"])[0])
            records = [state["records"][k] for k in sorted(state["records"])]
            total_pages = max(1, (len(records) + per_page - 1) // per_page)
            chunk = records[(page - 1) * per_page: page * per_page]
            return self.ok(chunk, {"page": page, "per_page": per_page, "count": len(chunk),
                                   "total_count": len(records), "total_pages": total_pages})
        if path == prefix + "/batch" and method == "POST":
            ops = sum(len(body.get(k) or []) for k in ("deletes", "patches", "puts", "posts"))
            if ops > 200:
                return self.fail(400, 81058, "A batch may contain at most 200 operations")
            records = {k: dict(v) for k, v in state["records"].items()}
            for item in body.get("deletes") or []:
                if item["id"] not in records:
                    return self.fail(400, 81044, "Record does not exist.")
                del records[item["id"]]
            for item in body.get("patches") or []:
                if item["id"] not in records:
                    return self.fail(400, 81044, "Record does not exist.")
                records[item["id"]] = dict(store(item, records[item["id"]]), id=item["id"])
            posted = []
            for item in body.get("posts") or []:
                record = store(item)
                clash = [r for r in records.values() if r["name"] == record["name"] and r["type"] == record["type"] and r["content"] == record["content"]]
                if clash:
                    return self.fail(400, 81058, "An identical record already exists.")
                rid = new_id()
                records[rid] = dict(record, id=rid)
                posted.append(records[rid])
            state["records"] = records
            state["batches"].append(ops)
            return self.ok({"deletes": body.get("deletes") or [], "patches": body.get("patches") or [], "posts": posted})
        return self.fail(404, 7003, "Could not route to %s" % path)

    def do_GET(self):
        self.handle_any("GET")

    def do_POST(self):
        self.handle_any("POST")

    def do_PATCH(self):
        self.handle_any("PATCH")

    def do_DELETE(self):
        self.handle_any("DELETE")


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
with open(PORT_FILE + ".tmp", "w") as f:
    f.write(str(server.server_address[1]))
os.rename(PORT_FILE + ".tmp", PORT_FILE)
server.serve_forever()
