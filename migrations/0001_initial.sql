-- labdb schema, version 1: the inventory of a homelab.
-- Addresses are stored as family (4 or 6) + a 16-byte big-endian BLOB (IPv4 in
-- the last four bytes, the rest zero), so memcmp order is numeric order and an
-- index on (family, address) answers "first free" questions with a seek.
-- Sizes are integer bytes.

CREATE TABLE machines (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL UNIQUE COLLATE NOCASE
                    CHECK (length(name) BETWEEN 1 AND 253 AND name NOT GLOB '*[^A-Za-z0-9._-]*'),
    kind            TEXT NOT NULL
                    CHECK (kind IN ('server', 'pi', 'router', 'switch', 'nas', 'other', 'vm', 'lxc')),
    host_id         INTEGER REFERENCES machines(id) ON DELETE RESTRICT,
    model           TEXT,
    cpus            INTEGER CHECK (cpus IS NULL OR cpus > 0),
    ram_bytes       INTEGER CHECK (ram_bytes IS NULL OR ram_bytes > 0),
    ram_reserve_bytes INTEGER CHECK (ram_reserve_bytes IS NULL OR ram_reserve_bytes >= 0),
    enabled         INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
    description     TEXT,
    -- guests (VMs, containers) live on a host; physical machines do not.
    CHECK ((kind IN ('vm', 'lxc')) = (host_id IS NOT NULL))
) STRICT;
CREATE INDEX machines_host ON machines(host_id);

CREATE TABLE machine_tags (
    machine_id      INTEGER NOT NULL REFERENCES machines(id) ON DELETE CASCADE,
    tag             TEXT NOT NULL CHECK (length(tag) BETWEEN 1 AND 63),
    PRIMARY KEY (machine_id, tag)
) STRICT, WITHOUT ROWID;
CREATE INDEX machine_tags_tag ON machine_tags(tag);

CREATE TABLE machine_attributes (
    machine_id      INTEGER NOT NULL REFERENCES machines(id) ON DELETE CASCADE,
    key             TEXT NOT NULL CHECK (length(key) BETWEEN 1 AND 128),
    value           TEXT NOT NULL,
    PRIMARY KEY (machine_id, key)
) STRICT, WITHOUT ROWID;

CREATE TABLE clusters (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL UNIQUE COLLATE NOCASE
                    CHECK (length(name) BETWEEN 1 AND 63 AND name NOT GLOB '*[^A-Za-z0-9._-]*'),
    distribution    TEXT,
    description     TEXT
) STRICT;

CREATE TABLE cluster_nodes (
    cluster_id      INTEGER NOT NULL REFERENCES clusters(id) ON DELETE RESTRICT,
    machine_id      INTEGER NOT NULL REFERENCES machines(id) ON DELETE RESTRICT,
    role            TEXT NOT NULL CHECK (role IN ('control-plane', 'worker', 'all-in-one')),
    PRIMARY KEY (cluster_id, machine_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX cluster_nodes_machine ON cluster_nodes(machine_id);

CREATE TABLE pools (
    id              INTEGER PRIMARY KEY,
    host_id         INTEGER NOT NULL REFERENCES machines(id) ON DELETE RESTRICT,
    name            TEXT NOT NULL COLLATE NOCASE
                    CHECK (length(name) BETWEEN 1 AND 63 AND name NOT GLOB '*[^A-Za-z0-9._-]*'),
    type            TEXT NOT NULL CHECK (type IN ('dir', 'lvm', 'lvm-thin', 'zfs', 'nfs', 'cephfs', 'rbd', 'btrfs')),
    size_bytes      INTEGER NOT NULL CHECK (size_bytes > 0),
    thin            INTEGER NOT NULL CHECK (thin IN (0, 1)),
    description     TEXT,
    UNIQUE (host_id, name)
) STRICT;
CREATE INDEX pools_name ON pools(name);

-- A disk belongs to a machine. A guest's disk is allocated in a pool of its
-- host; a physical disk may back a pool of its own host.
CREATE TABLE disks (
    id              INTEGER PRIMARY KEY,
    machine_id      INTEGER NOT NULL REFERENCES machines(id) ON DELETE CASCADE,
    name            TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 63),
    size_bytes      INTEGER NOT NULL CHECK (size_bytes > 0),
    pool_id         INTEGER REFERENCES pools(id) ON DELETE RESTRICT,
    media           TEXT CHECK (media IS NULL OR media IN ('hdd', 'ssd', 'nvme', 'sd', 'usb-ssd', 'virtual')),
    UNIQUE (machine_id, name)
) STRICT;
CREATE INDEX disks_pool ON disks(pool_id);

CREATE TABLE prefixes (
    id              INTEGER PRIMARY KEY,
    name            TEXT UNIQUE COLLATE NOCASE,
    family          INTEGER NOT NULL CHECK (family IN (4, 6)),
    network         BLOB NOT NULL CHECK (length(network) = 16),
    last            BLOB NOT NULL CHECK (length(last) = 16 AND last >= network),
    length          INTEGER NOT NULL CHECK (length BETWEEN 0 AND 128 AND (family = 6 OR length <= 32)),
    gateway         BLOB CHECK (gateway IS NULL OR length(gateway) = 16),
    description     TEXT,
    UNIQUE (family, network, length)
) STRICT;

CREATE TABLE ranges (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL UNIQUE COLLATE NOCASE
                    CHECK (length(name) BETWEEN 1 AND 63 AND name NOT GLOB '*[^A-Za-z0-9._-]*'),
    prefix_id       INTEGER NOT NULL REFERENCES prefixes(id) ON DELETE RESTRICT,
    family          INTEGER NOT NULL CHECK (family IN (4, 6)),
    first           BLOB NOT NULL CHECK (length(first) = 16),
    last            BLOB NOT NULL CHECK (length(last) = 16 AND last >= first),
    purpose         TEXT NOT NULL CHECK (purpose IN ('static', 'cluster', 'load-balancer', 'dhcp', 'reserved')),
    description     TEXT
) STRICT;
CREATE INDEX ranges_bounds ON ranges(family, first);

CREATE TABLE services (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL UNIQUE COLLATE NOCASE
                    CHECK (length(name) BETWEEN 1 AND 63 AND name NOT GLOB '*[^A-Za-z0-9._-]*'),
    cluster_id      INTEGER REFERENCES clusters(id) ON DELETE RESTRICT,
    description     TEXT
) STRICT;

-- One row per allocated address. The UNIQUE constraint is what makes two
-- concurrent allocators unable to hand out the same address.
CREATE TABLE addresses (
    id              INTEGER PRIMARY KEY,
    family          INTEGER NOT NULL CHECK (family IN (4, 6)),
    address         BLOB NOT NULL CHECK (length(address) = 16),
    prefix_id       INTEGER NOT NULL REFERENCES prefixes(id) ON DELETE RESTRICT,
    range_id        INTEGER REFERENCES ranges(id) ON DELETE RESTRICT,
    machine_id      INTEGER REFERENCES machines(id) ON DELETE RESTRICT,
    service_id      INTEGER REFERENCES services(id) ON DELETE RESTRICT,
    dns_name        TEXT COLLATE NOCASE CHECK (dns_name IS NULL OR (length(dns_name) BETWEEN 1 AND 253 AND dns_name NOT GLOB '*[^A-Za-z0-9.*_-]*')),
    description     TEXT,
    -- order among the holder's addresses; 0 is the primary (ansible_host)
    position        INTEGER NOT NULL DEFAULT 0 CHECK (position >= 0),
    UNIQUE (family, address),
    CHECK (machine_id IS NULL OR service_id IS NULL)
) STRICT;
CREATE INDEX addresses_range ON addresses(range_id, address);
CREATE INDEX addresses_machine ON addresses(machine_id);
CREATE INDEX addresses_service ON addresses(service_id);
CREATE INDEX addresses_dns ON addresses(dns_name);

CREATE TABLE zones (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL UNIQUE COLLATE NOCASE
                    CHECK (length(name) BETWEEN 1 AND 253 AND name NOT GLOB '*[^A-Za-z0-9.-]*'),
    description     TEXT
) STRICT;

CREATE TABLE records (
    id              INTEGER PRIMARY KEY,
    zone_id         INTEGER NOT NULL REFERENCES zones(id) ON DELETE RESTRICT,
    name            TEXT NOT NULL COLLATE NOCASE
                    CHECK (length(name) BETWEEN 1 AND 253 AND name NOT GLOB '*[^A-Za-z0-9.*@_-]*'),
    type            TEXT NOT NULL CHECK (type IN ('A', 'AAAA', 'CNAME')),
    value           TEXT NOT NULL CHECK (length(value) BETWEEN 1 AND 253),
    view            TEXT NOT NULL CHECK (view IN ('internal', 'public')),
    ttl             INTEGER CHECK (ttl IS NULL OR ttl BETWEEN 60 AND 86400),
    proxied         INTEGER NOT NULL DEFAULT 0 CHECK (proxied IN (0, 1)),
    UNIQUE (zone_id, view, name, type, value)
) STRICT;
CREATE INDEX records_value ON records(value);
