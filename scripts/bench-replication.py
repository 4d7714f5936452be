"""Drives scripts/bench-replication: moto's S3 server and Litestream on 127.0.0.1, the
release labdb, and prints the figure table. Loopback only; every loop and wait is bounded."""
import argparse, atexit, http.client, json, os, re, shutil, signal, socket, statistics, subprocess, sys, tempfile, threading, time
import boto3

parser = argparse.ArgumentParser()
parser.add_argument("--labdb", required=True)
parser.add_argument("--bench", required=True)
parser.add_argument("--samples", type=int, default=50, help="writes timed for the lag")
parser.add_argument("--allocations", type=int, default=400, help="allocations per client, 8 clients, per run")
parser.add_argument("--rounds", type=int, default=3, help="runs with and without Litestream, alternated")
parser.add_argument("--keep")
args = parser.parse_args()
labdb = os.path.abspath(args.labdb)
work = tempfile.mkdtemp(prefix="labdb-bench-replication-")
litestream = shutil.which("litestream") or sys.exit("litestream is not installed: run scripts/install-deps")
moto = shutil.which("moto_server") or sys.exit("moto_server is not installed: run scripts/install-deps")

env = dict(os.environ, LITESTREAM_ACCESS_KEY_ID="bench", LITESTREAM_SECRET_ACCESS_KEY="bench-secret",
           AWS_EC2_METADATA_DISABLED="true")
for key in ("AWS_CA_BUNDLE", "LABDB_DB", "LITESTREAM_CONFIG"):
    env.pop(key, None)

def run(*argv, **kw):
    return subprocess.run(argv, check=True, capture_output=True, text=True, env=env, **kw).stdout

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]

port = free_port()
endpoint = "http://127.0.0.1:%d" % port
moto_proc = subprocess.Popen([moto, "-H", "127.0.0.1", "-p", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

@atexit.register
def cleanup():
    """moto and the scratch folder go, whatever happened (--keep copies the databases first)."""
    moto_proc.kill()
    moto_proc.wait()
    if args.keep:
        shutil.copytree(work, args.keep, dirs_exist_ok=True)
        print("databases kept in " + args.keep, file=sys.stderr)
    shutil.rmtree(work, ignore_errors=True)
s3 = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="bench", aws_secret_access_key="bench-secret")
deadline = time.time() + 30
while True:
    try:
        s3.create_bucket(Bucket="bench")
        break
    except Exception:
        if time.time() > deadline or moto_proc.poll() is not None:
            sys.exit("moto_server did not start on port %d" % port)
        time.sleep(0.2)

POOL_LAB = """prefixes:
  - cidr: 10.60.0.0/16
    ranges:
      - name: pool
        first: 10.60.0.10
        last: 10.60.250.0
        purpose: static
services:
""" + "".join("  - name: p%d\n" % i for i in range(8))

def new_db(name):
    folder = os.path.join(work, name)
    os.makedirs(folder)
    db = os.path.join(folder, "lab.db")
    with open(os.path.join(folder, "lab.yaml"), "w") as f:
        f.write(POOL_LAB)
    run(labdb, "--db", db, "init", "--seed", os.path.join(folder, "lab.yaml"))
    return db

def configure(db, path):
    run(labdb, "--db", db, "replicate", "config", "--bucket", "bench", "--endpoint", endpoint, "--path", path)
    return db + ".litestream.yml"

def l0_max(path):
    """The newest transaction id in the replica's level 0 (one file per shipped sync)."""
    best, token = 0, None
    while True:
        kw = dict(Bucket="bench", Prefix=path + "/0000/")
        if token:
            kw["ContinuationToken"] = token
        page = s3.list_objects_v2(**kw)
        for item in page.get("Contents", []):
            best = max(best, int(item["Key"].rsplit("-", 1)[1].split(".")[0], 16))
        if not page.get("IsTruncated"):
            return best
        token = page["NextContinuationToken"]

def start_replicate(config, exec_cmd=None, log=None):
    argv = [litestream, "replicate", "-config", config] + (["-exec", exec_cmd] if exec_cmd else [])
    return subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=log or subprocess.DEVNULL, start_new_session=True)

def stop(proc):
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()

def wait_for(predicate, seconds, what):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if predicate():
            return
        time.sleep(0.01)
    sys.exit("timed out after %d s waiting for %s" % (seconds, what))

def percentile(samples, p):
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]

# 1. Replication lag: one allocation at a time, then poll the replica until it holds it.
lag_db = new_db("lag")
lag_config = configure(lag_db, "lag")
replicator = start_replicate(lag_config)
wait_for(lambda: l0_max("lag") > 0, 30, "Litestream's first snapshot")
lags = []
for i in range(args.samples):
    before = l0_max("lag")
    run(labdb, "--db", lag_db, "ip", "allocate", "pool", "--to", "p%d" % (i % 8))
    acknowledged = time.perf_counter()
    wait_for(lambda: l0_max("lag") > before, 30, "write %d in the replica" % i)
    lags.append((time.perf_counter() - acknowledged) * 1000)
    time.sleep((i * 0.37) % 0.9)  # writes land at every phase of Litestream's 1 s tick
stop(replicator)

# 2. Allocation rate of labdb serve, 8 keep-alive clients, with and without Litestream.
class Server:
    def __init__(self, db, config=None):
        command = [labdb, "--db", db, "serve", "--listen", "127.0.0.1:0"]
        self.log = open(db + ".log", "w+")
        if config:
            self.proc = start_replicate(config, " ".join(command), self.log)
        else:
            self.proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=self.log, start_new_session=True)
        def listening():
            self.log.seek(0)
            match = re.search(r"listening on http://127\.0\.0\.1:(\d+)", self.log.read())
            self.port = int(match.group(1)) if match else None
            return self.port is not None
        wait_for(listening, 30, "labdb serve")
        self.token = run(labdb, "--db", db, "token", "create", "bench-write", "--scope", "write").strip()

def cpu_seconds(pid):
    """User + system CPU time of process `pid` so far (0 when it is gone)."""
    try:
        fields = open("/proc/%d/stat" % pid).read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0

def allocation_rate(server):
    errors = []
    def client(index):
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
        body = json.dumps({"to": "p%d" % index})
        for _ in range(args.allocations):
            conn.request("POST", "/api/v1/ranges/pool/allocations", body=body,
                         headers={"Authorization": "Bearer " + server.token, "Content-Type": "application/json"})
            response = conn.getresponse()
            response.read()
            if response.status != 201:
                errors.append(response.status)
    threads = [threading.Thread(target=client, args=(i,)) for i in range(8)]
    start = time.perf_counter()
    for t in threads: t.start()
    for t in threads: t.join(timeout=300)
    elapsed = time.perf_counter() - start
    if errors:
        sys.exit("allocation errors: %s" % errors[:5])
    return 8 * args.allocations / elapsed

rates = {"without": [], "with": []}
shares = {"litestream": [], "moto": []}  # CPU time of each peer over the run, as a share of the run's wall time on all cores
for round_index in range(args.rounds):
    for mode in (("without", "with") if round_index % 2 == 0 else ("with", "without")):
        db = new_db("rate-%s-%d" % (mode, round_index))
        config = configure(db, "rate-%s-%d" % (mode, round_index)) if mode == "with" else None
        server = Server(db, config)
        if config:
            wait_for(lambda: l0_max("rate-%s-%d" % (mode, round_index)) > 0, 30, "Litestream's first snapshot")
        before = (cpu_seconds(server.proc.pid), cpu_seconds(moto_proc.pid), time.perf_counter())
        rates[mode].append(allocation_rate(server))
        if config:
            wall = (time.perf_counter() - before[2]) * os.cpu_count()
            shares["litestream"].append((cpu_seconds(server.proc.pid) - before[0]) / wall * 100)
            shares["moto"].append((cpu_seconds(moto_proc.pid) - before[1]) / wall * 100)
        stop(server.proc)
without, with_ls = statistics.median(rates["without"]), statistics.median(rates["with"])

# 3. Restore time of the 10,000-machine bench lab, replicated then restored on an empty folder.
big_folder = os.path.join(work, "big")
os.makedirs(big_folder)
big_db = os.path.join(big_folder, "lab.db")
run(os.path.abspath(args.bench), "generate", "--db", big_db, "--machines", "10000")
size = os.path.getsize(big_db)
machines = [run(labdb, "--db", big_db, "query", "--format", "json", what + " count") for what in ("hosts", "vms")]
big_config = configure(big_db, "big")
replicator = start_replicate(big_config)
wait_for(lambda: l0_max("big") > 0, 120, "the bench lab's snapshot")
stop(replicator)
restored = os.path.join(work, "restored", "lab.db")
start = time.perf_counter()
run(labdb, "--db", restored, "restore", "--from-replica", "--config", big_config, "--yes")
restore_seconds = time.perf_counter() - start
raw_out = os.path.join(work, "raw.db")
start = time.perf_counter()
run(litestream, "restore", "-config", big_config, "-o", raw_out, big_db)
raw_seconds = time.perf_counter() - start
# The bench lab is overcommitted on purpose (labdb check reports errors on it); what matters
# here is that the restored file is the same lab: its machine count.
if [run(labdb, "--db", restored, "query", "--format", "json", what + " count") for what in ("hosts", "vms")] != machines:
    sys.exit("the restored bench lab differs from the original: %s" % machines)

load = open("/proc/loadavg").read().split()[:3]
print("machine: %d cores, load average %s (moto, Litestream, labdb and the clients share the cores)" % (os.cpu_count(), " ".join(load)), file=sys.stderr)
rows = [
    ("replication lag, write → in the replica, p50", "%.0f ms" % percentile(lags, 50), "%d writes, sync-interval 1s" % len(lags)),
    ("replication lag, p99", "%.0f ms" % percentile(lags, 99), "max %.0f ms" % max(lags)),
    ("allocations/s, labdb serve, 8 clients, without Litestream", "%.0f" % without, "median of %d runs: %s" % (len(rates["without"]), ", ".join("%.0f" % r for r in rates["without"]))),
    ("allocations/s, with Litestream replicating", "%.0f" % with_ls, "median of %d runs: %s" % (len(rates["with"]), ", ".join("%.0f" % r for r in rates["with"]))),
    ("Litestream overhead on allocations", "%.1f%%" % ((without - with_ls) / without * 100), "target ≤ 10%"),
    ("  CPU taken meanwhile by Litestream / by moto (S3)", "%.1f%% / %.1f%%" % (statistics.median(shares["litestream"]), statistics.median(shares["moto"])),
     "of the %d cores; in the lab MinIO runs on its own VM" % os.cpu_count()),
    ("restore of the 10,000-machine lab (labdb restore --from-replica)", "%.2f s" % restore_seconds, "%.1f MiB; download, integrity, check, swap" % (size / 1048576)),
    ("  of which litestream restore alone", "%.2f s" % raw_seconds, ""),
]
header = ("figure", "value", "notes")
widths = [max(len(str(r[i])) for r in rows + [header]) for i in range(3)]
print("| " + " | ".join(h.ljust(w) for h, w in zip(header, widths)) + " |")
print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
for r in rows:
    print("| " + " | ".join(str(c).ljust(w) for c, w in zip(r, widths)) + " |")
