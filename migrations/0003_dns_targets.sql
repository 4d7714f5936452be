-- DNS sync: where the lab's records are published, and which entries labdb owns there.
-- Secrets (Pi-hole password, Cloudflare token) are never stored: they come from the
-- environment at run time.

CREATE TABLE dns_targets (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL UNIQUE COLLATE NOCASE
                    CHECK (length(name) BETWEEN 1 AND 63 AND name NOT GLOB '*[^A-Za-z0-9._-]*'),
    kind            TEXT NOT NULL CHECK (kind IN ('pihole-api', 'pihole-files', 'cloudflare')),
    zone_id         INTEGER NOT NULL REFERENCES zones(id) ON DELETE RESTRICT,
    view            TEXT NOT NULL CHECK (view IN ('internal', 'public')),
    -- pihole-api: the web interface (http://pi.hole); cloudflare: the API base (optional).
    url             TEXT,
    -- pihole-files: custom.list (hosts lines) and the dnsmasq conf for CNAMEs and wildcards.
    hosts_file      TEXT,
    cname_file      TEXT,
    reload_command  TEXT,
    description     TEXT,
    CHECK (kind <> 'pihole-api' OR url IS NOT NULL),
    CHECK ((kind = 'pihole-files') = (hosts_file IS NOT NULL AND cname_file IS NOT NULL))
) STRICT;
CREATE INDEX dns_targets_zone ON dns_targets(zone_id);

-- Entries labdb created on a target that keeps no metadata per entry (Pi-hole API,
-- Pi-hole files). Anything on such a target that is not listed here is foreign and
-- never touched. Cloudflare records carry their own mark (a comment).
CREATE TABLE dns_owned_entries (
    target_id       INTEGER NOT NULL REFERENCES dns_targets(id) ON DELETE CASCADE,
    type            TEXT NOT NULL CHECK (type IN ('A', 'AAAA', 'CNAME')),
    name            TEXT NOT NULL,
    value           TEXT NOT NULL,
    PRIMARY KEY (target_id, type, name, value)
) STRICT, WITHOUT ROWID;
