#!/usr/bin/env python3
"""The baseline for scripts/bench-ipam: NetBox's former first-free algorithm.

NetBox (before it moved to range queries) found a prefix's first available IP as
    available = netaddr.IPSet(prefix) - netaddr.IPSet(child_ips); next(iter(available))
This script does the same on a labdb SQLite file, for a labdb range (its bounds clamped to
its prefix's usable bounds, as labdb does), reading the allocated addresses from the same
file. It prints one line: the median milliseconds, then the first free address.

usage:
  ipam-baseline.py DB first-free RANGE [--repeat N]   time one range's first free address
  ipam-baseline.py DB utilisation [--repeat N]        used, free and first free of every range
"""
import sqlite3
import statistics
import sys
import time

import netaddr


def to_int(blob):
    return int.from_bytes(blob, "big")


def usable_bounds(family, network, last, length):
    first, final = to_int(network), to_int(last)
    if family == 4 and length < 31:
        return first + 1, final - 1
    if family == 6 and length < 127:
        return first + 1, final
    return first, final


def ranges(db, name=None):
    sql = """SELECT r.name, r.family, r.first, r.last, p.network, p.last AS plast, p.length
             FROM ranges r JOIN prefixes p ON p.id = r.prefix_id"""
    rows = db.execute(sql + (" WHERE r.name = ?" if name else " ORDER BY r.family, r.first"),
                      (name,) if name else ()).fetchall()
    result = []
    for rname, family, first, last, network, plast, length in rows:
        low, high = usable_bounds(family, network, plast, length)
        result.append((rname, family, max(to_int(first), low), min(to_int(last), high)))
    return result


def first_free(db, family, first, last):
    """NetBox's former algorithm: IPSet(range) - IPSet(used), take the first."""
    version = 4 if family == 4 else 6
    width = 16
    used = [netaddr.IPAddress(to_int(blob), version)
            for (blob,) in db.execute("SELECT address FROM addresses WHERE family = ? AND address >= ? AND address <= ?",
                                      (family, first.to_bytes(width, "big"), last.to_bytes(width, "big")))]
    whole = netaddr.IPSet(netaddr.IPRange(netaddr.IPAddress(first, version), netaddr.IPAddress(last, version)))
    available = whole - netaddr.IPSet(used)
    found = next(iter(available), None) if available else None
    return len(used), found


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    path, mode = argv[1], argv[2]
    repeat = int(argv[argv.index("--repeat") + 1]) if "--repeat" in argv else 1
    db = sqlite3.connect(path)
    samples, answer = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        if mode == "first-free":
            (_, family, first, last), = ranges(db, argv[3])
            answer = first_free(db, family, first, last)[1]
        elif mode == "utilisation":
            table = []
            for name, family, first, last in ranges(db):
                used, found = first_free(db, family, first, last)
                table.append((name, last - first + 1, used, found))
            answer = f"{len(table)} ranges"
        else:
            print(__doc__, file=sys.stderr)
            return 2
        samples.append((time.perf_counter() - start) * 1000)
    print(f"{statistics.median(samples):.3f} {answer}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
