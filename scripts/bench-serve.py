"""Drives scripts/bench-serve: starts the release `labdb serve` on 127.0.0.1, loads it,
and prints the figure table. Loopback only; every loop is bounded in count and time."""
import argparse, http.client, json, os, re, shutil, signal, statistics, subprocess, sys, tempfile, threading, time

parser = argparse.ArgumentParser()
parser.add_argument("--labdb", required=True)
parser.add_argument("--bench", required=True)
parser.add_argument("--duration", type=int, default=10)
parser.add_argument("--keep")
args = parser.parse_args()
labdb = os.path.abspath(args.labdb)
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
work = tempfile.mkdtemp(prefix="labdb-bench-serve-")

def run(*argv, **kw):
    return subprocess.run(argv, check=True, capture_output=True, text=True, **kw).stdout

class Server:
    def __init__(self, db):
        self.db = db
        self.proc = subprocess.Popen([labdb, "--db", db, "serve", "--listen", "127.0.0.1:0"], stderr=subprocess.PIPE, text=True)
        line = self.proc.stderr.readline()
        match = re.search(r"listening on http://127\.0\.0\.1:(\d+)", line)
        if not match:
            sys.exit("labdb serve did not start: " + line)
        self.port = int(match.group(1))
        # Drain the access log so that the pipe never fills.
        threading.Thread(target=lambda: [None for _ in self.proc.stderr], daemon=True).start()
        self.read = run(labdb, "--db", db, "token", "create", "bench-read", "--scope", "read").strip()
        self.write = run(labdb, "--db", db, "token", "create", "bench-write", "--scope", "write").strip()

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        self.proc.wait(timeout=30)

def wrk(server, path, connections=32):
    out = run("wrk", "-t2", "-c%d" % connections, "-d%ds" % args.duration, "--latency",
              "-H", "Authorization: Bearer " + server.read, "http://127.0.0.1:%d%s" % (server.port, path))
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    def ms(label):
        value, unit = re.search(label + r"%\s+([\d.]+)(us|ms|s)", out).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if errors:
        sys.exit("wrk saw %s error responses on %s" % (errors.group(1), path))
    return rps, ms("50"), ms("99")

def timed(fn, runs):
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return statistics.median(samples), samples[min(len(samples) - 1, int(len(samples) * 0.95))]

def request(server, method, path, body=None, token=None, connection=None):
    conn = connection or http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
    headers = {"Authorization": "Bearer " + (token or server.read)}
    if body is not None:
        headers["Content-Type"] = "application/json"
    conn.request(method, path, body=body, headers=headers)
    response = conn.getresponse()
    data = response.read()
    if connection is None:
        conn.close()
    return response.status, data

def allocations(server, range_name, holder, clients=16, per_client=250):
    """`clients` threads, each with its own keep-alive connection, allocating one address at a time."""
    got, errors = [], []
    lock = threading.Lock()
    def client():
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
        for _ in range(per_client):
            status, data = request(server, "POST", "/api/v1/ranges/%s/allocations" % range_name, json.dumps({"to": holder}), server.write, conn)
            with lock:
                (got if status == 201 else errors).append(json.loads(data)[0]["address"] if status == 201 else status)
        conn.close()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    start = time.perf_counter()
    for thread in threads: thread.start()
    for thread in threads: thread.join()
    seconds = time.perf_counter() - start
    return len(got) / seconds, len(got) - len(set(got)), len(errors)

rows = []
def row(what, labdb_figure, baseline, peer, ratio):
    rows.append((what, labdb_figure, baseline, peer, ratio))

load = open("/proc/loadavg").read().split()[:3]
print("machine: %d cores, load average %s (wrk and the clients share the cores with the server)" % (os.cpu_count(), " ".join(load)), file=sys.stderr)

# 1. The seed lab: reads under wrk, allocations from a range with room.
seed_db = os.path.join(work, "seed.db")
run(labdb, "--db", seed_db, "init", "--seed", os.path.join(root, "seed/homelab.yaml"))
server = Server(seed_db)
try:
    for path, what in [("/api/v1/machines/gitlab", "GET one machine, 32 connections"), ("/api/v1/ranges", "GET ranges, 32 connections")]:
        # The floor is measured right before each route (floor, route, floor, route), so that drift hits both alike.
        floor = wrk(server, "/healthz")
        rps, p50, p99 = wrk(server, path)
        row(what, "%.0f req/s, p99 %.1f ms" % (rps, p99), "/healthz: %.0f req/s, p99 %.1f ms" % (floor[0], floor[2]),
            "NetBox list GET: 8 req/s, p99 ~5 s", "%.0fx the requests/s" % (rps / 8))
    p50, p95 = timed(lambda: request(server, "POST", "/api/v1/ranges/metallb/allocations", json.dumps({"to": "z440"}), server.write), 40)
    release = [a for a in json.loads(run(labdb, "--db", seed_db, "ip", "list", "metallb", "--format", "json")) if a["holder"] == "z440"]
    for a in release:
        request(server, "DELETE", "/api/v1/addresses/" + a["address"], token=server.write)
    cli50, _ = timed(lambda: run(labdb, "--db", seed_db, "ip", "allocate", "metallb", "--to", "z440"), 10)
    row("allocate from the 51-address MetalLB range (one client)", "median %.2f ms, p95 %.2f ms" % (p50, p95), "labdb ip allocate (process): %.1f ms" % cli50,
        "NetBox: median 21.5 ms", "%.0fx faster" % (21.5 / p50))
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
    for path in ["/", "/ipam", "/machines/gitlab", "/query?q=vms", "/dns", "/history"]:
        size = len(request(server, "GET", path, connection=conn)[1])
        p50, p95 = timed(lambda: request(server, "GET", path, connection=conn), 30)
        row("page %s, seed lab" % path, "median %.2f ms, p95 %.2f ms, %.1f KB" % (p50, p95, size / 1024), "-", "-", "target <= 5 ms, <= 100 KB")
finally:
    server.stop()

# 2. A /16 with 65,000 addresses taken; then 16 clients allocate from its last 534.
big_db = os.path.join(work, "big.db")
lab = "prefixes:\n  - cidr: 10.0.0.0/16\n    name: big\n    ranges:\n      - name: big\n        first: 10.0.0.1\n        last: 10.0.255.254\n        purpose: static\nhosts:\n"
lab += "".join("  - name: h%d\n    kind: server\n" % i for i in range(20))
open(os.path.join(work, "big.yaml"), "w").write(lab)
run(labdb, "--db", big_db, "init", "--seed", os.path.join(work, "big.yaml"))
for i in range(16):
    run(labdb, "--db", big_db, "ip", "allocate", "big", "--to", "h%d" % i, "--count", "4062" if i < 15 else "4070")
taken = len(json.loads(run(labdb, "--db", big_db, "ip", "list", "big", "--format", "json")))
server = Server(big_db)
try:
    p50, p95 = timed(lambda: request(server, "POST", "/api/v1/ranges/big/allocations", json.dumps({"to": "h16"}), server.write), 30)
    row("allocate from a /16 with %d taken (one client)" % taken, "median %.2f ms, p95 %.2f ms" % (p50, p95), "-",
        "NetBox: median 555 ms, p95 906 ms", "%.0fx faster" % (555 / p50))
    rate, duplicates, errors = allocations(server, "big", "h17", clients=16, per_client=25)
    row("allocations, 16 concurrent clients (400 on the /16)", "%.0f/s, %d duplicates, %d errors" % (rate, duplicates, errors), "-",
        "NetBox: 1.5/s with 8 clients", "%.0fx the rate" % (rate / 1.5))
finally:
    server.stop()

# 3. Sustained allocations: 16 clients x 250 on a roomy range of the seed lab's size class.
roomy_db = os.path.join(work, "roomy.db")
open(os.path.join(work, "roomy.yaml"), "w").write(lab)
run(labdb, "--db", roomy_db, "init", "--seed", os.path.join(work, "roomy.yaml"))
server = Server(roomy_db)
try:
    rate, duplicates, errors = allocations(server, "big", "h1", clients=16, per_client=250)
    stored = len(json.loads(run(labdb, "--db", roomy_db, "ip", "list", "big", "--format", "json")))
    row("allocations, 16 concurrent clients x 250", "%.0f/s, %d duplicates, %d stored" % (rate, duplicates, stored), "-",
        "NetBox: 1.5/s (8 clients)", "%.0fx the rate" % (rate / 1.5))
finally:
    server.stop()

# 4. The 10,000-machine bench lab: inventory and /metrics over HTTP.
lab_db = os.path.join(work, "lab10k.db")
run(os.path.abspath(args.bench), "generate", "--db", lab_db, "--machines", "10000")
server = Server(lab_db)
try:
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
    p50, p95 = timed(lambda: request(server, "GET", "/api/v1/inventory", connection=conn), 20)
    cli50, _ = timed(lambda: run(labdb, "--db", lab_db, "inventory", "--list"), 5)
    row("GET /api/v1/inventory, 10,000 hosts", "median %.0f ms, p95 %.0f ms" % (p50, p95), "labdb inventory --list: %.0f ms" % cli50,
        "NetBox inventory plugin, 1,000 hosts: 3.9 s", "%.0fx faster (10x the hosts)" % (3900 / p50))
    for path in ["/", "/ipam?net=10.0.0.0/16"]:
        size = len(request(server, "GET", path, connection=conn)[1])
        p50, p95 = timed(lambda: request(server, "GET", path, connection=conn), 10)
        row("page %s, 10,000 machines" % path, "median %.0f ms, p95 %.0f ms, %.0f KB" % (p50, p95, size / 1024), "-", "-", "target <= 100 ms")
    m50, m95 = timed(lambda: request(server, "GET", "/metrics", connection=conn), 20)
    row("GET /metrics, 10,000 machines", "median %.1f ms, p95 %.1f ms" % (m50, m95), "-", "-", "target <= 50 ms")
    rps, p50, p99 = wrk(server, "/api/v1/machines/vm-4242")
    row("GET one machine of 10,000, 32 connections", "%.0f req/s, p99 %.1f ms" % (rps, p99), "-", "NetBox: 8 req/s", "%.0fx" % (rps / 8))
finally:
    server.stop()

widths = [max(len(str(r[i])) for r in rows + [("what", "labdb serve", "baseline (same run)", "peer", "ratio")]) for i in range(5)]
header = ("what", "labdb serve", "baseline (same run)", "peer", "ratio")
print("| " + " | ".join(h.ljust(w) for h, w in zip(header, widths)) + " |")
print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
for r in rows:
    print("| " + " | ".join(str(c).ljust(w) for c, w in zip(r, widths)) + " |")
print()
print("wrk and the clients share the cores with the server. The peer is a real NetBox measured on this kind of machine "
      "(`../shared/guide/service-facts.md`), not in this run.")
if args.keep:
    os.makedirs(args.keep, exist_ok=True)
    for name in os.listdir(work):
        shutil.move(os.path.join(work, name), os.path.join(args.keep, name))
    print("databases kept in " + args.keep, file=sys.stderr)
shutil.rmtree(work, ignore_errors=True)
