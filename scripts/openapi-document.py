"""Writes docs/openapi.json, the OpenAPI 3.1 description of `labdb serve` (compiled into the
server by the EmbedOpenAPI plugin). Edit the routes here, then: python3 scripts/openapi-document.py > docs/openapi.json
(OpenAPIDocumentTests fails when a route of the server is missing from the document, or the reverse)."""
import json
P = lambda name, where="path", desc="", schema=None, required=None: {"name": name, "in": where, "required": (where == "path") if required is None else required, "description": desc, "schema": schema or {"type": "string"}}
problem = {"description": "A problem document (RFC 9457)", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}
def rows(desc, item="#/components/schemas/Row"):
    return {"description": desc, "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": item}}}}}
def op(summary, responses, params=None, body=None, security="read", tag="lab"):
    o = {"summary": summary, "tags": [tag], "responses": responses}
    if params: o["parameters"] = params
    if body: o["requestBody"] = body
    if security is None: o["security"] = []
    else: o["x-labdb-scope"] = security
    errs = {"400": problem, "401": problem, "403": problem, "404": problem, "413": problem, "503": problem}
    for code, value in errs.items():
        o["responses"].setdefault(code, {"$ref": "#/components/responses/Problem"})
    return o
def jbody(ref, desc):
    return {"required": True, "description": desc, "content": {"application/json": {"schema": {"$ref": ref}}}}
def example(param, value):
    return dict(param, example=value)
name = example(P("name", desc="The machine's name (any case)."), "gitlab")
range_name = example(P("name", desc="The range's name (any case)."), "metallb")
ip = example(P("ip", desc="An IPv4 or IPv6 address."), "192.168.1.25")
paths = {
 "/healthz": {"get": op("The process is up.", {"200": {"description": "ok", "content": {"application/json": {"schema": {"type": "object"}}}}}, security=None, tag="operations")},
 "/readyz": {"get": op("The database can be read.", {"200": {"description": "ready", "content": {"application/json": {"schema": {"type": "object"}}}}}, security=None, tag="operations")},
 "/metrics": {"get": op("Prometheus metrics (text format 0.0.4): ranges, pools, hosts, machines, DNS targets, requests.", {"200": {"description": "exposition", "content": {"text/plain": {"schema": {"type": "string"}}}}}, tag="operations")},
 "/api/v1/openapi.json": {"get": op("This document.", {"200": {"description": "OpenAPI 3.1", "content": {"application/json": {"schema": {"type": "object"}}}}}, security=None, tag="operations")},
 "/api/v1/machines": {"get": op("Hosts, VMs and containers, as `labdb hosts`/`labdb vms` list them, filtered.", {"200": rows("machines")}, [
     P("kind", "query", "host, guest, or a kind (server, pi, vm, lxc, ...)"), P("cluster", "query", "member of this cluster"),
     P("host", "query", "guests of this host"), P("tag", "query", "has this tag")])},
 "/api/v1/machines/{name}": {"get": op("One machine: resources, guests, addresses, disks, cluster roles, DNS records.", {"200": {"description": "the machine", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/MachineDetail"}}}}}, [name])},
 "/api/v1/ranges": {"get": op("Every prefix and range with size, used, free, percent and first free (`labdb ranges`).", {"200": rows("utilisation")}, tag="ipam")},
 "/api/v1/ranges/{name}": {"get": op("One range's utilisation and its allocated addresses.", {"200": {"description": "range", "content": {"application/json": {"schema": {"type": "object", "required": ["range", "addresses"], "properties": {"range": {"type": "array", "items": {"$ref": "#/components/schemas/Row"}}, "addresses": {"type": "array", "items": {"$ref": "#/components/schemas/Row"}}}}}}}}, [range_name], tag="ipam")},
 "/api/v1/ranges/{name}/next": {"get": op("The next free address(es) of the range; allocates nothing (`labdb ip next`).", {"200": rows("free addresses"), "409": {"$ref": "#/components/responses/Problem"}}, [range_name, P("count", "query", "how many (1-65536)", {"type": "integer", "minimum": 1, "maximum": 65536})], tag="ipam")},
 "/api/v1/ranges/{name}/allocations": {"post": op("Allocate the next free address(es) of the range (`labdb ip allocate RANGE`). Send Idempotency-Key to make retries safe.", {"201": rows("allocated", "#/components/schemas/Allocation"), "409": {"$ref": "#/components/responses/Problem"}, "422": {"$ref": "#/components/responses/Problem"}}, [range_name, {"$ref": "#/components/parameters/IdempotencyKey"}], jbody("#/components/schemas/AllocationRequest", "who gets the address"), security="write", tag="ipam")},
 "/api/v1/addresses": {
     "get": op("Allocated addresses, of one range or CIDR when given (`labdb ip list`).", {"200": rows("addresses")}, [P("range", "query", "a range's name"), P("cidr", "query", "a network, e.g. 192.168.1.0/24")], tag="ipam"),
     "post": op("Allocate exactly one address (`labdb ip allocate ADDR`).", {"201": rows("allocated", "#/components/schemas/Allocation"), "409": {"$ref": "#/components/responses/Problem"}, "422": {"$ref": "#/components/responses/Problem"}}, [{"$ref": "#/components/parameters/IdempotencyKey"}], jbody("#/components/schemas/AddressRequest", "the address and who gets it"), security="write", tag="ipam")},
 "/api/v1/addresses/{ip}": {
     "get": op("One address: holder, range, prefix, DNS names (`labdb ip show`).", {"200": rows("the address")}, [ip], tag="ipam"),
     "delete": op("Release an address (`labdb ip release`).", {"200": rows("released", "#/components/schemas/Allocation"), "409": {"$ref": "#/components/responses/Problem"}}, [ip], security="write", tag="ipam")},
 "/api/v1/query": {
     "get": op("Run one read statement of the query language; answers what `labdb query --format json` prints.", {"200": {"$ref": "#/components/responses/QueryResult"}, "405": {"$ref": "#/components/responses/Problem"}, "409": {"$ref": "#/components/responses/Problem"}}, [P("q", "query", "the statement", required=True)], tag="query"),
     "post": op("Run one statement; write statements (set, add, delete, allocate, release) need a write token.", {"200": {"$ref": "#/components/responses/QueryResult"}, "409": {"$ref": "#/components/responses/Problem"}}, None,
                {"required": True, "content": {"application/json": {"schema": {"type": "object", "required": ["statement"], "properties": {"statement": {"type": "string"}}}}, "text/plain": {"schema": {"type": "string"}}}}, tag="query")},
 "/api/v1/clusters": {"get": op("Clusters and their totals (`clusters` in the query language).", {"200": rows("clusters")})},
 "/api/v1/pools": {"get": op("Storage pools with what is allocated in them.", {"200": rows("pools")})},
 "/api/v1/prefixes": {"get": op("IP networks.", {"200": rows("prefixes")}, tag="ipam")},
 "/api/v1/zones": {"get": op("DNS zones.", {"200": rows("zones")}, tag="dns")},
 "/api/v1/records": {"get": op("DNS records by view.", {"200": rows("records")}, tag="dns")},
 "/api/v1/history": {"get": op("Latest changes: who, when, which command (`labdb history`).", {"200": rows("changes")}, [P("object", "query", "only changes about this object"), P("limit", "query", "how many (1-10000)", {"type": "integer", "minimum": 1, "maximum": 10000})])},
 "/api/v1/export": {"get": op("The whole lab as a lab file (`labdb export`).", {"200": {"description": "YAML (a mapping of the lab's objects)", "content": {"application/yaml": {"schema": {"type": "object"}}}}})},
 "/api/v1/inventory": {"get": op("The Ansible inventory, byte for byte what `labdb inventory --list` prints.", {"200": {"description": "inventory", "content": {"application/json": {"schema": {"type": "object"}}}}}, [P("facts", "query", "full (default) or minimal", {"type": "string", "enum": ["full", "minimal"]})], tag="exports")},
 "/api/v1/inventory/hosts/{name}": {"get": op("One host's variables, byte for byte `labdb inventory --host NAME`.", {"200": {"description": "host variables", "content": {"application/json": {"schema": {"type": "object"}}}}}, [name, P("facts", "query", "full (default) or minimal", {"type": "string", "enum": ["full", "minimal"]})], tag="exports")},
 "/api/v1/capacity": {"get": op("Committed against physical (`labdb capacity --format json`).", {"200": {"description": "capacity document", "content": {"application/json": {"schema": {"type": "object"}}}}}, [P("host", "query", "only this host and its pools")], tag="capacity")},
 "/api/v1/capacity/fit": {"post": op("Whether N more VMs of a shape fit, and where (`labdb capacity fit`).", {"200": {"description": "fit document", "content": {"application/json": {"schema": {"type": "object"}}}}}, None, jbody("#/components/schemas/FitRequest", "the VM shape"), tag="capacity")},
 "/api/v1/import": {"post": op("Plan and (unless dry_run) apply a lab file in one transaction. Refused: DNS target commands/files/URLs; deleting over 30% of the lab without force.", {"200": {"description": "the plan", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ImportPlan"}}}}, "409": {"$ref": "#/components/responses/Problem"}, "422": {"$ref": "#/components/responses/Problem"}},
     [P("dry_run", "query", "plan only", {"type": "boolean"}), P("force", "query", "accept a large deletion", {"type": "boolean"})],
     {"required": True, "content": {"application/yaml": {"schema": {"type": "string"}}}}, security="admin")},
}
doc = {
 "openapi": "3.1.0",
 "info": {"title": "labdb", "version": "1.0.0", "description": "The homelab's source of truth over HTTP: the same rules, answers and errors as the labdb command line. Send `Authorization: Bearer TOKEN` (create with `labdb token create NAME --scope read|write|admin`). Each operation's `x-labdb-scope` names the scope it needs. Errors are RFC 9457 problem documents."},
 "servers": [{"url": "http://127.0.0.1:8480"}],
 "security": [{"bearer": []}],
 "paths": paths,
 "components": {
  "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
  "parameters": {"IdempotencyKey": {"name": "Idempotency-Key", "in": "header", "required": False, "description": "Retrying with the same key returns the first answer (kept 24 hours, per token).", "schema": {"type": "string", "minLength": 1, "maxLength": 255}}},
  "responses": {
   "Problem": problem,
   "QueryResult": {"description": "rows, a message, or a capacity document", "content": {"application/json": {"schema": {"oneOf": [{"type": "array", "items": {"$ref": "#/components/schemas/Row"}}, {"type": "object"}]}}}},
  },
  "schemas": {
   "Problem": {"type": "object", "required": ["type", "title", "status", "detail"], "properties": {"type": {"type": "string"}, "title": {"type": "string"}, "status": {"type": "integer"}, "detail": {"type": "string"}}},
   "Row": {"type": "object", "description": "One row; keys are the listing's columns (sorted), values strings, numbers, booleans, lists or null."},
   "Allocation": {"type": "object", "required": ["address", "holder", "range", "prefix"], "properties": {"address": {"type": "string"}, "holder": {"type": "string"}, "range": {"type": ["string", "null"]}, "prefix": {"type": "string"}}},
   "AllocationRequest": {"type": "object", "required": ["to"], "properties": {"to": {"type": "string", "description": "a machine or service (machine:NAME / service:NAME when both exist)"}, "dns": {"type": "string"}, "count": {"type": "integer", "minimum": 1, "maximum": 65536}, "description": {"type": "string"}, "new_service": {"type": "object", "description": "create the `to` service in the same transaction (a new Kubernetes service, say)", "properties": {"cluster": {"type": "string"}, "description": {"type": "string"}}}}},
   "AddressRequest": {"type": "object", "required": ["address", "to"], "properties": {"address": {"type": "string"}, "to": {"type": "string"}, "dns": {"type": "string"}, "description": {"type": "string"}, "new_service": {"type": "object", "description": "create the `to` service in the same transaction (a new Kubernetes service, say)", "properties": {"cluster": {"type": "string"}, "description": {"type": "string"}}}}},
   "FitRequest": {"type": "object", "required": ["cpu", "ram"], "properties": {"cpu": {"type": "integer", "minimum": 1}, "ram": {"type": "string", "examples": ["12G"]}, "disks": {"type": "array", "items": {"type": "string", "examples": ["50G@local-lvm"]}}, "count": {"type": "integer", "minimum": 1}, "range": {"type": "string"}, "hosts": {"type": "array", "items": {"type": "string"}}}},
   "ImportPlan": {"type": "object", "required": ["applied", "summary", "changes"], "properties": {"applied": {"type": "boolean"}, "summary": {"type": "string"}, "changes": {"type": "array", "items": {"type": "object", "required": ["action", "kind", "key", "text", "fields"], "properties": {"action": {"type": "string", "enum": ["create", "update", "delete"]}, "kind": {"type": "string"}, "key": {"type": "string"}, "text": {"type": "string"}, "fields": {"type": "array", "items": {"type": "object", "properties": {"name": {"type": "string"}, "old": {"type": "string"}, "new": {"type": "string"}}}}}}}}},
   "MachineDetail": {"type": "object", "required": ["name", "kind", "enabled", "tags", "attributes", "guests", "addresses", "disks", "clusters", "records"], "properties": {
      "name": {"type": "string"}, "kind": {"type": "string"}, "host": {"type": ["string", "null"]}, "model": {"type": ["string", "null"]}, "cpus": {"type": ["integer", "null"]},
      "ram_bytes": {"type": ["integer", "null"]}, "ram_reserve_bytes": {"type": ["integer", "null"]}, "enabled": {"type": "boolean"}, "description": {"type": ["string", "null"]},
      "tags": {"type": "array", "items": {"type": "string"}}, "attributes": {"type": "object", "additionalProperties": {"type": "string"}}, "guests": {"type": "array", "items": {"type": "string"}},
      "addresses": {"type": "array", "items": {"type": "object"}}, "disks": {"type": "array", "items": {"type": "object"}}, "clusters": {"type": "array", "items": {"type": "object"}}, "records": {"type": "array", "items": {"type": "object"}}}},
  },
 },
}
print(json.dumps(doc, indent=2, sort_keys=False))
