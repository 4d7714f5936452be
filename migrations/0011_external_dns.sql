-- labdb schema 0011: the clusters' external-dns writes DNS names into labdb.
-- Tokens gain the external-dns scope, tied to one cluster (and optionally to a list of
-- domains); the records that a cluster's external-dns creates are kept apart from the
-- lab file's (an import never touches them) and carry their owner, `external-dns:CLUSTER`.
-- TXT is allowed here for external-dns's TXT registry; only A/AAAA/CNAME are published.

CREATE TABLE api_tokens_new (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL UNIQUE COLLATE NOCASE
                    CHECK (length(name) BETWEEN 1 AND 63 AND name NOT GLOB '*[^A-Za-z0-9._-]*'),
    scope           TEXT NOT NULL CHECK (scope IN ('read', 'write', 'admin', 'external-dns')),
    digest          BLOB NOT NULL UNIQUE CHECK (length(digest) = 32),
    created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    created_by      TEXT NOT NULL,
    expires_at      TEXT,
    last_used_at    TEXT,
    cluster         TEXT COLLATE NOCASE,
    domains         TEXT,
    CHECK ((scope = 'external-dns') = (cluster IS NOT NULL))
) STRICT;
INSERT INTO api_tokens_new(id, name, scope, digest, created_at, created_by, expires_at, last_used_at)
    SELECT id, name, scope, digest, created_at, created_by, expires_at, last_used_at FROM api_tokens;
DROP TABLE api_tokens;
ALTER TABLE api_tokens_new RENAME TO api_tokens;

CREATE TABLE external_records (
    id              INTEGER PRIMARY KEY,
    zone_id         INTEGER NOT NULL REFERENCES zones(id) ON DELETE CASCADE,
    name            TEXT NOT NULL COLLATE NOCASE
                    CHECK (length(name) BETWEEN 1 AND 253 AND name NOT GLOB '*[^A-Za-z0-9.*@_-]*'),
    type            TEXT NOT NULL CHECK (type IN ('A', 'AAAA', 'CNAME', 'TXT')),
    value           TEXT NOT NULL CHECK (length(value) BETWEEN 1 AND 4000),
    ttl             INTEGER CHECK (ttl IS NULL OR ttl BETWEEN 1 AND 86400),
    owner           TEXT NOT NULL CHECK (owner GLOB 'external-dns:*'),
    UNIQUE (zone_id, name, type, value)
) STRICT;
CREATE INDEX external_records_owner ON external_records(owner);

CREATE TRIGGER external_records_history_insert AFTER INSERT ON external_records BEGIN
    INSERT INTO changes(change_set_id, table_name, operation, object, related, before, after)
    VALUES ((SELECT id FROM change_sets WHERE open = 1 ORDER BY id DESC LIMIT 1), 'external_records', 'insert',
            CASE WHEN NEW.name = '@' THEN (SELECT name FROM zones WHERE id = NEW.zone_id) ELSE NEW.name || '.' || (SELECT name FROM zones WHERE id = NEW.zone_id) END,
            NEW.value, NULL, json_object('zone', (SELECT name FROM zones WHERE id = NEW.zone_id), 'name', NEW.name, 'type', NEW.type, 'value', NEW.value, 'ttl', NEW.ttl, 'owner', NEW.owner));
END;

CREATE TRIGGER external_records_history_delete AFTER DELETE ON external_records BEGIN
    INSERT INTO changes(change_set_id, table_name, operation, object, related, before, after)
    VALUES ((SELECT id FROM change_sets WHERE open = 1 ORDER BY id DESC LIMIT 1), 'external_records', 'delete',
            CASE WHEN OLD.name = '@' THEN (SELECT name FROM zones WHERE id = OLD.zone_id) ELSE OLD.name || '.' || (SELECT name FROM zones WHERE id = OLD.zone_id) END,
            OLD.value, json_object('zone', (SELECT name FROM zones WHERE id = OLD.zone_id), 'name', OLD.name, 'type', OLD.type, 'value', OLD.value, 'ttl', OLD.ttl, 'owner', OLD.owner), NULL);
END;

-- Which clusters a load-balancer range serves (MetalLB pools come from labdb). A range's
-- clusters are part of the range: their changes are recorded under the range's name.
CREATE TABLE range_clusters (
    range_id        INTEGER NOT NULL REFERENCES ranges(id) ON DELETE CASCADE,
    cluster_id      INTEGER NOT NULL REFERENCES clusters(id) ON DELETE CASCADE,
    PRIMARY KEY (range_id, cluster_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX range_clusters_cluster ON range_clusters(cluster_id);

CREATE TRIGGER range_clusters_history_insert AFTER INSERT ON range_clusters BEGIN
    INSERT INTO changes(change_set_id, table_name, operation, object, related, before, after)
    VALUES ((SELECT id FROM change_sets WHERE open = 1 ORDER BY id DESC LIMIT 1), 'range_clusters', 'insert',
            (SELECT name FROM ranges WHERE id = NEW.range_id), (SELECT name FROM clusters WHERE id = NEW.cluster_id),
            NULL, json_object('range', (SELECT name FROM ranges WHERE id = NEW.range_id), 'cluster', (SELECT name FROM clusters WHERE id = NEW.cluster_id)));
END;

CREATE TRIGGER range_clusters_history_delete AFTER DELETE ON range_clusters BEGIN
    INSERT INTO changes(change_set_id, table_name, operation, object, related, before, after)
    VALUES ((SELECT id FROM change_sets WHERE open = 1 ORDER BY id DESC LIMIT 1), 'range_clusters', 'delete',
            (SELECT name FROM ranges WHERE id = OLD.range_id), (SELECT name FROM clusters WHERE id = OLD.cluster_id),
            json_object('range', (SELECT name FROM ranges WHERE id = OLD.range_id), 'cluster', (SELECT name FROM clusters WHERE id = OLD.cluster_id)), NULL);
END;

-- Neither table's rows are updated by labdb (a change is a delete and an insert), but a
-- write from elsewhere is still recorded.
CREATE TRIGGER external_records_history_update AFTER UPDATE ON external_records BEGIN
    INSERT INTO changes(change_set_id, table_name, operation, object, related, before, after)
    VALUES ((SELECT id FROM change_sets WHERE open = 1 ORDER BY id DESC LIMIT 1), 'external_records', 'update',
            CASE WHEN NEW.name = '@' THEN (SELECT name FROM zones WHERE id = NEW.zone_id) ELSE NEW.name || '.' || (SELECT name FROM zones WHERE id = NEW.zone_id) END,
            NEW.value, json_object('zone', (SELECT name FROM zones WHERE id = OLD.zone_id), 'name', OLD.name, 'type', OLD.type, 'value', OLD.value, 'ttl', OLD.ttl, 'owner', OLD.owner),
            json_object('zone', (SELECT name FROM zones WHERE id = NEW.zone_id), 'name', NEW.name, 'type', NEW.type, 'value', NEW.value, 'ttl', NEW.ttl, 'owner', NEW.owner));
END;

CREATE TRIGGER range_clusters_history_update AFTER UPDATE ON range_clusters BEGIN
    INSERT INTO changes(change_set_id, table_name, operation, object, related, before, after)
    VALUES ((SELECT id FROM change_sets WHERE open = 1 ORDER BY id DESC LIMIT 1), 'range_clusters', 'update',
            (SELECT name FROM ranges WHERE id = NEW.range_id), (SELECT name FROM clusters WHERE id = NEW.cluster_id),
            json_object('range', (SELECT name FROM ranges WHERE id = OLD.range_id), 'cluster', (SELECT name FROM clusters WHERE id = OLD.cluster_id)),
            json_object('range', (SELECT name FROM ranges WHERE id = NEW.range_id), 'cluster', (SELECT name FROM clusters WHERE id = NEW.cluster_id)));
END;
