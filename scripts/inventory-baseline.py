#!/usr/bin/env python3
"""The baseline for scripts/bench-inventory: the same Ansible `--list` JSON as
`labdb inventory --list`, built by Python straight from the same SQLite file
(the way a hand-written inventory script would do it).

Usage: scripts/inventory-baseline.py DB   (prints the JSON on stdout)
"""
import ipaddress
import json
import sqlite3
import sys

FIXED = ["edge_pis", "infra_vms", "proxmox_hosts", "ungrouped"]
ROLES = [("control-plane", "_control_plane"), ("worker", "_workers"), ("all-in-one", "_all_in_one")]


def address_text(family, blob):
    return str(ipaddress.IPv4Address(blob[12:]) if family == 4 else ipaddress.IPv6Address(blob))


def sanitize(name, prefix):
    out = []
    changed = False
    for ch in name:
        if ("a" <= ch <= "z") or ("0" <= ch <= "9") or ch == "_":
            out.append(ch)
        elif "A" <= ch <= "Z":
            out.append(ch.lower())
            changed = True
        else:
            out.append("_")
            changed = True
    return prefix + "".join(out), changed


def fnv(text):
    value = 2166136261
    for byte in text.encode():
        value = ((value ^ byte) * 16777619) & 0xFFFFFFFF
    return "%08x" % value


def resolve(requests, reserved):
    by_name = {}
    for key, name, changed in requests:
        by_name.setdefault(name, []).append((1 if changed else 0, key))
    taken = set(reserved) | set(by_name)
    names = {}
    for name in sorted(by_name):
        for index, (_, key) in enumerate(sorted(by_name[name])):
            if index == 0 and name not in reserved:
                names[key] = name
                continue
            salt = 0
            while True:
                candidate = name + "_" + fnv(key if salt == 0 else "%s#%d" % (key, salt))
                salt += 1
                if candidate not in taken:
                    break
            taken.add(candidate)
            names[key] = candidate
    return names


def unsafe(text):
    return None if text is None else {"__ansible_unsafe": text}


def main(path):
    db = sqlite3.connect("file:%s?mode=ro" % path, uri=True)
    machines = db.execute("""SELECT m.id, m.name, m.kind, h.name, m.model, m.cpus, m.ram_bytes, m.enabled, m.description
                             FROM machines m LEFT JOIN machines h ON h.id = m.host_id""").fetchall()
    machines.sort(key=lambda m: m[1].lower())
    tags, attrs, addrs, disks, nodes = {}, {}, {}, {}, {}
    for mid, tag in db.execute("SELECT machine_id, tag FROM machine_tags"):
        tags.setdefault(mid, []).append(tag)
    for mid, key, value in db.execute("SELECT machine_id, key, value FROM machine_attributes"):
        attrs.setdefault(mid, {})[key] = value
    for mid, family, blob, dns, rng in db.execute("""SELECT a.machine_id, a.family, a.address, a.dns_name, r.name
            FROM addresses a LEFT JOIN ranges r ON r.id = a.range_id WHERE a.machine_id IS NOT NULL
            ORDER BY a.machine_id, a.position, a.family, a.address"""):
        addrs.setdefault(mid, []).append((address_text(family, blob), dns, rng))
    for mid, name, size, pool, media in db.execute("""SELECT d.machine_id, d.name, d.size_bytes, p.name, d.media
            FROM disks d LEFT JOIN pools p ON p.id = d.pool_id"""):
        disks.setdefault(mid, []).append((name, size, pool, media))
    for mid, cluster, role in db.execute("""SELECT n.machine_id, c.name, n.role FROM cluster_nodes n
            JOIN clusters c ON c.id = n.cluster_id"""):
        nodes.setdefault(mid, []).append((cluster, role))
    clusters = sorted(db.execute("SELECT name, distribution FROM clusters").fetchall(), key=lambda c: c[0].lower())
    ranges = db.execute("SELECT name FROM ranges ORDER BY family, first, name").fetchall()
    user_groups = {}
    for gname, key, value in db.execute("""SELECT g.name, v.key, v.value FROM inventory_groups g
            LEFT JOIN inventory_group_vars v ON v.group_id = g.id"""):
        group_vars = user_groups.setdefault(gname, {})
        if key is not None:
            group_vars[key] = value

    roles_by_cluster = {}
    for memberships in nodes.values():
        for cluster, role in memberships:
            roles_by_cluster.setdefault(cluster.lower(), set()).add(role)
    requests = []
    for cname, _ in clusters:
        base, changed = sanitize(cname, "cluster_")
        requests.append(("cluster:" + cname.lower(), base, changed))
        for role, suffix in ROLES:
            if role in roles_by_cluster.get(cname.lower(), ()):
                requests.append(("cluster:%s/%s" % (cname.lower(), role), base + suffix, changed))
    all_tags = sorted({t for ts in tags.values() for t in ts})
    for tag in all_tags:
        requests.append(("tag:" + tag,) + sanitize(tag, "tag_"))
    for (rname,) in ranges:
        requests.append(("range:" + rname.lower(),) + sanitize(rname, "range_"))
    names = resolve(requests, set(FIXED + ["all"]))

    groups = {}

    def group(name):
        groups.setdefault(name, {"hosts": [], "children": [], "vars": {}})
        return name

    for name in FIXED:
        group(name)
    for cname, distribution in clusters:
        key = "cluster:" + cname.lower()
        name = group(names[key])
        if distribution is not None:
            groups[name]["vars"]["labdb_distribution"] = unsafe(distribution)
        for role, _ in ROLES:
            child = names.get("%s/%s" % (key, role))
            if child:
                groups[name]["children"].append(group(child))
    for tag in all_tags:
        group(names["tag:" + tag])
    for (rname,) in ranges:
        group(names["range:" + rname.lower()])

    hypervisors = {m[3].lower() for m in machines if m[3] is not None}
    hostvars = {}
    for mid, name, kind, host, model, cpus, ram, enabled, description in machines:
        if not enabled:
            continue
        my_addrs = addrs.get(mid, [])
        my_nodes = sorted(nodes.get(mid, []), key=lambda n: n[0].lower())
        my_tags = sorted(set(tags.get(mid, [])))
        hv = {k: v for k, v in attrs.get(mid, {}).items() if not k.startswith("labdb_")}
        if "ansible_host" not in hv and my_addrs:
            hv["ansible_host"] = my_addrs[0][0]
        hv.update({
            "labdb_kind": kind, "labdb_enabled": True, "labdb_host": host,
            "labdb_cluster": my_nodes[0][0] if my_nodes else None,
            "labdb_role": my_nodes[0][1] if my_nodes else None,
            "labdb_cpus": cpus, "labdb_ram_bytes": ram,
            "labdb_model": unsafe(model), "labdb_description": unsafe(description),
            "labdb_tags": my_tags,
            "labdb_addresses": [a[0] for a in my_addrs],
            "labdb_dns_names": [a[1] for a in my_addrs if a[1] is not None],
            "labdb_disks": [{"name": unsafe(d[0]), "size_bytes": d[1], "pool": d[2], "media": d[3]}
                            for d in sorted(disks.get(mid, []))],
        })
        hostvars[name] = hv
        member = set()
        for cluster, role in my_nodes:
            child = names.get("cluster:%s/%s" % (cluster.lower(), role))
            if child:
                member.add(child)
        for tag in my_tags:
            member.add(names["tag:" + tag])
        for _, _, rng in my_addrs:
            if rng is not None:
                member.add(names["range:" + rng.lower()])
        if kind == "pi":
            member.add("edge_pis")
        if kind in ("vm", "lxc") and not my_nodes:
            member.add("infra_vms")
        if kind not in ("vm", "lxc") and (name.lower() in hypervisors or "proxmox" in my_tags):
            member.add("proxmox_hosts")
        if not member:
            member.add("ungrouped")
        for g in member:
            groups[g]["hosts"].append(name)

    all_vars = {}
    for gname in sorted(user_groups, key=str.lower):
        if gname == "all":
            all_vars.update(user_groups[gname])
        else:
            groups[group(gname)]["vars"].update(user_groups[gname])

    document = {"_meta": {"hostvars": hostvars}, "all": {"vars": all_vars}}
    for name, body in groups.items():
        out = {"hosts": sorted(body["hosts"])}
        if body["children"]:
            out["children"] = sorted(body["children"])
        if body["vars"]:
            out["vars"] = body["vars"]
        document[name] = out
    sys.stdout.write(json.dumps(document, sort_keys=True, separators=(",", ":")) + "\n")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: inventory-baseline.py DB")
    main(sys.argv[1])
