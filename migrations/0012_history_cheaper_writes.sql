-- labdb schema 0012: the change history costs less per recorded row.
-- `changes` had CHECK (operation IN ('insert', 'update', 'delete')). SQLite compiles an
-- IN list of three or more values into a temporary b-tree, and inside a trigger it builds
-- that b-tree again every time the trigger fires: a new in-memory database with two zeroed
-- pages for every inventory row written. That was about a quarter of what history cost
-- an import (2,000 VMs: 250 of 940 million instructions). The same rule written as three
-- comparisons costs nothing of the kind. SQLite cannot change a CHECK in place, so the
-- table is rebuilt: same columns, ids, rows and indexes. The history triggers name
-- `changes` in their bodies, so they are dropped first and recreated after, unchanged
-- (their text is that of 0004, 0005, 0007 and 0011). A change whose change set no longer
-- exists (one deleted with foreign keys off, e.g. in the sqlite3 shell) keeps its row
-- with no change set, which is how `labdb history` already showed it.

DROP TRIGGER machines_history_insert;
DROP TRIGGER machines_history_update;
DROP TRIGGER machines_history_delete;
DROP TRIGGER machine_tags_history_insert;
DROP TRIGGER machine_tags_history_update;
DROP TRIGGER machine_tags_history_delete;
DROP TRIGGER machine_attributes_history_insert;
DROP TRIGGER machine_attributes_history_update;
DROP TRIGGER machine_attributes_history_delete;
DROP TRIGGER clusters_history_insert;
DROP TRIGGER clusters_history_update;
DROP TRIGGER clusters_history_delete;
DROP TRIGGER cluster_nodes_history_insert;
DROP TRIGGER cluster_nodes_history_update;
DROP TRIGGER cluster_nodes_history_delete;
DROP TRIGGER pools_history_insert;
DROP TRIGGER pools_history_update;
DROP TRIGGER pools_history_delete;
DROP TRIGGER disks_history_insert;
DROP TRIGGER disks_history_update;
DROP TRIGGER disks_history_delete;
DROP TRIGGER prefixes_history_insert;
DROP TRIGGER prefixes_history_update;
DROP TRIGGER prefixes_history_delete;
DROP TRIGGER ranges_history_insert;
DROP TRIGGER ranges_history_update;
DROP TRIGGER ranges_history_delete;
DROP TRIGGER services_history_insert;
DROP TRIGGER services_history_update;
DROP TRIGGER services_history_delete;
DROP TRIGGER addresses_history_insert;
DROP TRIGGER addresses_history_update;
DROP TRIGGER addresses_history_delete;
DROP TRIGGER zones_history_insert;
DROP TRIGGER zones_history_update;
DROP TRIGGER zones_history_delete;
DROP TRIGGER records_history_insert;
DROP TRIGGER records_history_update;
DROP TRIGGER records_history_delete;
DROP TRIGGER dns_targets_history_insert;
DROP TRIGGER dns_targets_history_update;
DROP TRIGGER dns_targets_history_delete;
DROP TRIGGER inventory_groups_history_insert;
DROP TRIGGER inventory_groups_history_update;
DROP TRIGGER inventory_groups_history_delete;
DROP TRIGGER inventory_group_vars_history_insert;
DROP TRIGGER inventory_group_vars_history_update;
DROP TRIGGER inventory_group_vars_history_delete;
DROP TRIGGER external_records_history_insert;
DROP TRIGGER external_records_history_delete;
DROP TRIGGER range_clusters_history_insert;
DROP TRIGGER range_clusters_history_delete;
DROP TRIGGER external_records_history_update;
DROP TRIGGER range_clusters_history_update;

CREATE TABLE changes_rebuilt (
    id              INTEGER PRIMARY KEY,
    change_set_id   INTEGER REFERENCES change_sets(id) ON DELETE CASCADE,
    at              TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    table_name      TEXT NOT NULL,
    operation       TEXT NOT NULL CHECK (operation = 'insert' OR operation = 'update' OR operation = 'delete'),
    -- the object's name (an address or prefix as family:HEX[/length]) and a related
    -- name (a guest's host, an address's holder, a record's value) for `labdb history NAME`
    object          TEXT NOT NULL,
    related         TEXT,
    before          TEXT,
    after           TEXT
) STRICT;
INSERT INTO changes_rebuilt(id, change_set_id, at, table_name, operation, object, related, before, after)
    SELECT c.id, (SELECT s.id FROM change_sets s WHERE s.id = c.change_set_id), c.at, c.table_name, c.operation,
           c.object, c.related, c.before, c.after
    FROM changes c ORDER BY c.id;
DROP TABLE changes;
ALTER TABLE changes_rebuilt RENAME TO changes;
CREATE INDEX changes_set ON changes(change_set_id);
CREATE INDEX changes_object ON changes(object COLLATE NOCASE);
CREATE INDEX changes_related ON changes(related COLLATE NOCASE);

CREATE TRIGGER machines_history_insert AFTER INSERT ON machines BEGIN
    INSERT INTO changes(change_set_id, table_name, operation, object, related, before, after)
    VALUES ((SELECT id FROM change_sets WHERE open = 1 ORDER BY id DESC LIMIT 1), 'machines', 'insert', NEW.name, (SELECT name FROM machines WHERE id = NEW.host_id), NULL, json_object('name', NEW.name, 'kind', NEW.kind, 'host', (SELECT name FROM machines WHERE id = NEW.host_id), 'model', NEW.model, 'cpus', NEW.cpus, 'ram_bytes', NEW.ram_bytes, 'ram_reserve_bytes', NEW.ram_reserve_bytes, 'enabled', NEW.enabled, 'description', NEW.description));
END;

CREATE TRIGGER machines_history_update AFTER UPDATE ON machines
WHEN json_object('name', OLD.name, 'kind', OLD.kind, 'host', (SELECT name FROM machines WHERE id = OLD.host_id), 'model', OLD.model, 'cpus', OLD.cpus, 'ram_bytes', OLD.ram_bytes, 'ram_reserve_bytes', OLD.ram_reserve_bytes, 'enabled', OLD.enabled, 'description', OLD.description)
  IS NOT json_object('name', NEW.name, 'kind', NEW.kind, 'host', (SELECT name FROM machines WHERE id = NEW.host_id), 'model', NEW.model, 'cpus', NEW.cpus, 'ram_bytes', NEW.ram_bytes, 'ram_reserve_bytes', NEW.ram_reserve_bytes, 'enabled', NEW.enabled, 'description', NEW.description)
BEGIN
    INSERT INTO changes(change_set_id, table_name, operation, object, related, before, after)
    VALUES ((SELECT id FROM change_sets WHERE open = 1 ORDER BY id DESC LIMIT 1), 'machines', 'update', NEW.name, (SELECT name FROM machines WHERE id = NEW.host_id), json_object('name', OLD.name, 'kind', OLD.kind, 'host', (SELECT name FROM machines WHERE id = OLD.host_id), 'model', OLD.model, 'cpus', OLD.cpus, 'ram_bytes', OLD.ram_bytes, 'ram_reserve_bytes', OLD.ram_reserve_bytes, 'enabled', OLD.enabled, 'description', OLD.description), json_object('name', NEW.name, 'kind', NEW.kind, 'host', (SELECT name FROM machines WHERE id = NEW.host_id), 'model', NEW.model, 'cpus', NEW.cpus, 'ram_bytes', NEW.ram_bytes, 'ram_reserve_bytes', NEW.ram_reserve_bytes, 'enabled', NEW.enabled, 'description', NEW.description));
END;

CREATE TRIGGER machines_history_delete AFTER DELETE ON machines BEGIN
    INSERT INTO changes(change_set_id, table_name, operation, object, related, before, after)
    VALUES ((SELECT id FROM change_sets WHERE open = 1 ORDER BY id DESC LIMIT 1), 'machines', 'delete', OLD.name, (SELECT name FROM machines WHERE id = OLD.host_id), json_object('name', OLD.name, 'kind', OLD.kind, 'host', (SELECT name FROM machines WHERE id = OLD.host_id), 'model', OLD.model, 'cpus', OLD.cpus, 'ram_bytes', OLD.ram_bytes, 'ram_reserve_bytes', OLD.ram_reserve_bytes, 'enabled', OLD.enabled, 'description', OLD.description), NULL);
END;

CREATE TRIGGER machine_tags_history_insert AFTER INSERT ON machine_tags BEGIN
    INSERT INTO changes(change_set_id, table_name, operation, object, related, before, after)
    VALUES ((SELECT id FROM change_sets WHERE open = 1 ORDER BY id DESC LIMIT 1), 'machine_tags', 'insert', coalesce((SELECT name FROM machines WHERE id = NEW.machine_id), '#' || NEW.machine_id), NULL, NULL, json_object('machine', (SELECT name FROM machines WHERE id = NEW.machine_id), 'tag', NEW.tag));
END;

CREATE TRIGGER machine_tags_history_update AFTER UPDATE ON machine_tags
WHEN json_object('machine', (SELECT name FROM machines WHERE id = OLD.machine_id), 'tag', OLD.tag)
  IS NOT json_object('machine', (SELECT name FROM machines WHERE id = NEW.machine_id), 'tag', NEW.tag)
BEGIN
    INSERT INTO changes(change_set_id, table_name, operation, object, related, before, after)
    VALUES ((SELECT id FROM change_sets WHERE open = 1 ORDER BY id DESC LIMIT 1), 'machine_tags', 'update', coalesce((SELECT name FROM machines WHERE id = NEW.machine_id), '#' || NEW.machine_id), NULL, json_object('machine', (SELECT name FROM machines WHERE id = OLD.machine_id), 'tag', OLD.tag), json_object('machine', (SELECT name FROM machines WHERE id = NEW.machine_id), 'tag', NEW.tag));
END;

CREATE TRIGGER machine_tags_history_delete AFTER DELETE ON machine_tags BEGIN
    INSERT INTO changes(change_set_id, table_name, operation, object, related, before, after)
    VALUES ((SELECT id FROM change_sets WHERE open = 1 ORDER BY id DESC LIMIT 1), 'machine_tags', 'delete', coalesce((SELECT name FROM machines WHERE id = OLD.machine_id), '#' || OLD.machine_id), NULL, json_object('machine', (SELECT name FROM machines WHERE id = OLD.machine_id), 'tag', OLD.tag), NULL);
END;

CREATE TRIGGER machine_attributes_history_insert AFTER INSERT ON machine_attributes BEGIN
    INSERT INTO changes(change_set_id, table_name, operation, object, related, before, after)
    VALUES ((SELECT id FROM change_sets WHERE open = 1 ORDER BY id DESC LIMIT 1), 'machine_attributes', 'insert', coalesce((SELECT name FROM machines WHERE id = NEW.machine_id), '#' || NEW.machine_id), NULL, NULL, json_object('machine', (SELECT name FROM machines WHERE id = NEW.machine_id), 'key', NEW.key, 'value', NEW.value));
END;

CREATE TRIGGER machine_attributes_history_update AFTER UPDATE ON machine_attributes
WHEN json_object('machine', (SELECT name FROM machines WHERE id = OLD.machine_id), 'key', OLD.key, 'value', OLD.value)
  IS NOT json_object('machine', (SELECT name FROM machines WHERE id = NEW.machine_id), 'key', NEW.key, 'value', NEW.value)
BEGIN
    INSERT INTO changes(change_set_id, table_name, operation, object, related, before, after)
    VALUES ((SELECT id FROM change_sets WHERE open = 1 ORDER BY id DESC LIMIT 1), 'machine_attributes', 'update', coalesce((SELECT name FROM machines WHERE id = NEW.machine_id), '#' || NEW.machine_id), NULL, json_object('machine', (SELECT name FROM machines WHERE id = OLD.machine_id), 'key', OLD.key, 'value', OLD.value), json_object('machine', (SELECT name FROM machines WHERE id = NEW.machine_id), 'key', NEW.key, 'value', NEW.value));
END;

CREATE TRIGGER machine_attributes_history_delete AFTER DELETE ON machine_attributes BEGIN
    INSERT INTO changes(change_set_id, table_name, operation, object, related, before, after)
    VALUES ((SELECT id FROM change_sets WHERE open = 1 ORDER BY id DESC LIMIT 1), 'machine_attributes', 'delete', coalesce((SELECT name FROM machines WHERE id = OLD.machine_id), '#' || OLD.machine_id), NULL, json_object('machine', (SELECT name FROM machines WHERE id = OLD.machine_id), 'key', OLD.key, 'value', OLD.value), NULL);
END;

CREATE TRIGGER clusters_history_insert AFTER INSERT ON clusters BEGIN
    INSERT INTO changes(change_set_id, table_name, operation, object, related, before, after)
    VALUES ((SELECT id FROM change_sets WHERE open = 1 ORDER BY id DESC LIMIT 1), 'clusters', 'insert', NEW.name, NULL, NULL, json_object('name', NEW.name, 'distribution', NEW.distribution, 'description', NEW.description));
END;

CREATE TRIGGER clusters_history_update AFTER UPDATE ON clusters
WHEN json_object('name', OLD.name, 'distribution', OLD.distribution, 'description', OLD.description)
  IS NOT json_object('name', NEW.name, 'distribution', NEW.distribution, 'description', NEW.description)
BEGIN
    INSERT INTO changes(change_set_id, table_name, operation, object, related, before, after)
    VALUES ((SELECT id FROM change_sets WHERE open = 1 ORDER BY id DESC LIMIT 1), 'clusters', 'update', NEW.name, NULL, json_object('name', OLD.name, 'distribution', OLD.distribution, 'description', OLD.description), json_object('name', NEW.name, 'distribution', NEW.distribution, 'description', NEW.description));
END;

CREATE TRIGGER clusters_history_delete AFTER DELETE ON clusters BEGIN
    INSERT INTO changes(change_set_id, table_name, operation, object, related, before, after)
    VALUES ((SELECT id FROM change_sets WHERE open = 1 ORDER BY id DESC LIMIT 1), 'clusters', 'delete', OLD.name, NULL, json_object('name', OLD.name, 'distribution', OLD.distribution, 'description', OLD.description), NULL);
END;

CREATE TRIGGER cluster_nodes_history_insert AFTER INSERT ON cluster_nodes BEGIN
    INSERT INTO changes(change_set_id, table_name, operation, object, related, before, after)
    VALUES ((SELECT id FROM change_sets WHERE open = 1 ORDER BY id DESC LIMIT 1), 'cluster_nodes', 'insert', coalesce((SELECT name FROM clusters WHERE id = NEW.cluster_id), '#' || NEW.cluster_id), (SELECT name FROM machines WHERE id = NEW.machine_id), NULL, json_object('cluster', (SELECT name FROM clusters WHERE id = NEW.cluster_id), 'machine', (SELECT name FROM machines WHERE id = NEW.machine_id), 'role', NEW.role));
END;

CREATE TRIGGER cluster_nodes_history_update AFTER UPDATE ON cluster_nodes
WHEN json_object('cluster', (SELECT name FROM clusters WHERE id = OLD.cluster_id), 'machine', (SELECT name FROM machines WHERE id = OLD.machine_id), 'role', OLD.role)
  IS NOT json_object('cluster', (SELECT name FROM clusters WHERE id = NEW.cluster_id), 'machine', (SELECT name FROM machines WHERE id = NEW.machine_id), 'role', NEW.role)
BEGIN
    INSERT INTO changes(change_set_id, table_name, operation, object, related, before, after)
    VALUES ((SELECT id FROM change_sets WHERE open = 1 ORDER BY id DESC LIMIT 1), 'cluster_nodes', 'update', coalesce((SELECT name FROM clusters WHERE id = NEW.cluster_id), '#' || NEW.cluster_id), (SELECT name FROM machines WHERE id = NEW.machine_id), json_object('cluster', (SELECT name FROM clusters WHERE id = OLD.cluster_id), 'machine', (SELECT name FROM machines WHERE id = OLD.machine_id), 'role', OLD.role), json_object('cluster', (SELECT name FROM clusters WHERE id = NEW.cluster_id), 'machine', (SELECT name FROM machines WHERE id = NEW.machine_id), 'role', NEW.role));
END;

CREATE TRIGGER cluster_nodes_history_delete AFTER DELETE ON cluster_nodes BEGIN
    INSERT INTO changes(change_set_id, table_name, operation, object, related, before, after)
    VALUES ((SELECT id FROM change_sets WHERE open = 1 ORDER BY id DESC LIMIT 1), 'cluster_nodes', 'delete', coalesce((SELECT name FROM clusters WHERE id = OLD.cluster_id), '#' || OLD.cluster_id), (SELECT name FROM machines WHERE id = OLD.machine_id), json_object('cluster', (SELECT name FROM clusters WHERE id = OLD.cluster_id), 'machine', (SELECT name FROM machines WHERE id = OLD.machine_id), 'role', OLD.role), NULL);
END;

CREATE TRIGGER pools_history_insert AFTER INSERT ON pools BEGIN
    INSERT INTO changes(change_set_id, table_name, operation, object, related, before, after)
    VALUES ((SELECT id FROM change_sets WHERE open = 1 ORDER BY id DESC LIMIT 1), 'pools', 'insert', NEW.name, (SELECT name FROM machines WHERE id = NEW.host_id), NULL, json_object('host', (SELECT name FROM machines WHERE id = NEW.host_id), 'name', NEW.name, 'type', NEW.type, 'size_bytes', NEW.size_bytes, 'thin', NEW.thin, 'description', NEW.description));
END;

CREATE TRIGGER pools_history_update AFTER UPDATE ON pools
WHEN json_object('host', (SELECT name FROM machines WHERE id = OLD.host_id), 'name', OLD.name, 'type', OLD.type, 'size_bytes', OLD.size_bytes, 'thin', OLD.thin, 'description', OLD.description)
  IS NOT json_object('host', (SELECT name FROM machines WHERE id = NEW.host_id), 'name', NEW.name, 'type', NEW.type, 'size_bytes', NEW.size_bytes, 'thin', NEW.thin, 'description', NEW.description)
BEGIN
    INSERT INTO changes(change_set_id, table_name, operation, object, related, before, after)
    VALUES ((SELECT id FROM change_sets WHERE open = 1 ORDER BY id DESC LIMIT 1), 'pools', 'update', NEW.name, (SELECT name FROM machines WHERE id = NEW.host_id), json_object('host', (SELECT name FROM machines WHERE id = OLD.host_id), 'name', OLD.name, 'type', OLD.type, 'size_bytes', OLD.size_bytes, 'thin', OLD.thin, 'description', OLD.description), json_object('host', (SELECT name FROM machines WHERE id = NEW.host_id), 'name', NEW.name, 'type', NEW.type, 'size_bytes', NEW.size_bytes, 'thin', NEW.thin, 'description', NEW.description));
END;

CREATE TRIGGER pools_history_delete AFTER DELETE ON pools BEGIN
    INSERT INTO changes(change_set_id, table_name, operation, object, related, before, after)
    VALUES ((SELECT id FROM change_sets WHERE open = 1 ORDER BY id DESC LIMIT 1), 'pools', 'delete', OLD.name, (SELECT name FROM machines WHERE id = OLD.host_id), json_object('host', (SELECT name FROM machines WHERE id = OLD.host_id), 'name', OLD.name, 'type', OLD.type, 'size_bytes', OLD.size_bytes, 'thin', OLD.thin, 'description', OLD.description), NULL);
END;

CREATE TRIGGER disks_history_insert AFTER INSERT ON disks BEGIN
    INSERT INTO changes(change_set_id, table_name, operation, object, related, before, after)
    VALUES ((SELECT id FROM change_sets WHERE open = 1 ORDER BY id DESC LIMIT 1), 'disks', 'insert', coalesce((SELECT name FROM machines WHERE id = NEW.machine_id), '#' || NEW.machine_id), (SELECT name FROM pools WHERE id = NEW.pool_id), NULL, json_object('machine', (SELECT name FROM machines WHERE id = NEW.machine_id), 'name', NEW.name, 'size_bytes', NEW.size_bytes, 'pool', (SELECT name FROM pools WHERE id = NEW.pool_id), 'media', NEW.media));
END;

CREATE TRIGGER disks_history_update AFTER UPDATE ON disks
WHEN json_object('machine', (SELECT name FROM machines WHERE id = OLD.machine_id), 'name', OLD.name, 'size_bytes', OLD.size_bytes, 'pool', (SELECT name FROM pools WHERE id = OLD.pool_id), 'media', OLD.media)
  IS NOT json_object('machine', (SELECT name FROM machines WHERE id = NEW.machine_id), 'name', NEW.name, 'size_bytes', NEW.size_bytes, 'pool', (SELECT name FROM pools WHERE id = NEW.pool_id), 'media', NEW.media)
BEGIN
    INSERT INTO changes(change_set_id, table_name, operation, object, related, before, after)
    VALUES ((SELECT id FROM change_sets WHERE open = 1 ORDER BY id DESC LIMIT 1), 'disks', 'update', coalesce((SELECT name FROM machines WHERE id = NEW.machine_id), '#' || NEW.machine_id), (SELECT name FROM pools WHERE id = NEW.pool_id), json_object('machine', (SELECT name FROM machines WHERE id = OLD.machine_id), 'name', OLD.name, 'size_bytes', OLD.size_bytes, 'pool', (SELECT name FROM pools WHERE id = OLD.pool_id), 'media', OLD.media), json_object('machine', (SELECT name FROM machines WHERE id = NEW.machine_id), 'name', NEW.name, 'size_bytes', NEW.size_bytes, 'pool', (SELECT name FROM pools WHERE id = NEW.pool_id), 'media', NEW.media));
END;

CREATE TRIGGER disks_history_delete AFTER DELETE ON disks BEGIN
    INSERT INTO changes(change_set_id, table_name, operation, object, related, before, after)
    VALUES ((SELECT id FROM change_sets WHERE open = 1 ORDER BY id DESC LIMIT 1), 'disks', 'delete', coalesce((SELECT name FROM machines WHERE id = OLD.machine_id), '#' || OLD.machine_id), (SELECT name FROM pools WHERE id = OLD.pool_id), json_object('machine', (SELECT name FROM machines WHERE id = OLD.machine_id), 'name', OLD.name, 'size_bytes', OLD.size_bytes, 'pool', (SELECT name FROM pools WHERE id = OLD.pool_id), 'media', OLD.media), NULL);
END;

CREATE TRIGGER prefixes_history_insert AFTER INSERT ON prefixes BEGIN
    INSERT INTO changes(change_set_id, table_name, operation, object, related, before, after)
    VALUES ((SELECT id FROM change_sets WHERE open = 1 ORDER BY id DESC LIMIT 1), 'prefixes', 'insert', NEW.family || ':' || hex(NEW.network) || '/' || NEW.length, NEW.name, NULL, json_object('name', NEW.name, 'family', NEW.family, 'network', hex(NEW.network), 'last', hex(NEW.last), 'length', NEW.length, 'gateway', nullif(hex(NEW.gateway), ''), 'description', NEW.description));
END;

CREATE TRIGGER prefixes_history_update AFTER UPDATE ON prefixes
WHEN json_object('name', OLD.name, 'family', OLD.family, 'network', hex(OLD.network), 'last', hex(OLD.last), 'length', OLD.length, 'gateway', nullif(hex(OLD.gateway), ''), 'description', OLD.description)
  IS NOT json_object('name', NEW.name, 'family', NEW.family, 'network', hex(NEW.network), 'last', hex(NEW.last), 'length', NEW.length, 'gateway', nullif(hex(NEW.gateway), ''), 'description', NEW.description)
BEGIN
    INSERT INTO changes(change_set_id, table_name, operation, object, related, before, after)
    VALUES ((SELECT id FROM change_sets WHERE open = 1 ORDER BY id DESC LIMIT 1), 'prefixes', 'update', NEW.family || ':' || hex(NEW.network) || '/' || NEW.length, NEW.name, json_object('name', OLD.name, 'family', OLD.family, 'network', hex(OLD.network), 'last', hex(OLD.last), 'length', OLD.length, 'gateway', nullif(hex(OLD.gateway), ''), 'description', OLD.description), json_object('name', NEW.name, 'family', NEW.family, 'network', hex(NEW.network), 'last', hex(NEW.last), 'length', NEW.length, 'gateway', nullif(hex(NEW.gateway), ''), 'description', NEW.description));
END;

CREATE TRIGGER prefixes_history_delete AFTER DELETE ON prefixes BEGIN
    INSERT INTO changes(change_set_id, table_name, operation, object, related, before, after)
    VALUES ((SELECT id FROM change_sets WHERE open = 1 ORDER BY id DESC LIMIT 1), 'prefixes', 'delete', OLD.family || ':' || hex(OLD.network) || '/' || OLD.length, OLD.name, json_object('name', OLD.name, 'family', OLD.family, 'network', hex(OLD.network), 'last', hex(OLD.last), 'length', OLD.length, 'gateway', nullif(hex(OLD.gateway), ''), 'description', OLD.description), NULL);
END;

CREATE TRIGGER ranges_history_insert AFTER INSERT ON ranges BEGIN
    INSERT INTO changes(change_set_id, table_name, operation, object, related, before, after)
    VALUES ((SELECT id FROM change_sets WHERE open = 1 ORDER BY id DESC LIMIT 1), 'ranges', 'insert', NEW.name, (SELECT p.family || ':' || hex(p.network) || '/' || p.length FROM prefixes p WHERE p.id = NEW.prefix_id), NULL, json_object('name', NEW.name, 'prefix', (SELECT p.family || ':' || hex(p.network) || '/' || p.length FROM prefixes p WHERE p.id = NEW.prefix_id), 'family', NEW.family, 'first', hex(NEW.first), 'last', hex(NEW.last), 'purpose', NEW.purpose, 'description', NEW.description));
END;

CREATE TRIGGER ranges_history_update AFTER UPDATE ON ranges
WHEN json_object('name', OLD.name, 'prefix', (SELECT p.family || ':' || hex(p.network) || '/' || p.length FROM prefixes p WHERE p.id = OLD.prefix_id), 'family', OLD.family, 'first', hex(OLD.first), 'last', hex(OLD.last), 'purpose', OLD.purpose, 'description', OLD.description)
  IS NOT json_object('name', NEW.name, 'prefix', (SELECT p.family || ':' || hex(p.network) || '/' || p.length FROM prefixes p WHERE p.id = NEW.prefix_id), 'family', NEW.family, 'first', hex(NEW.first), 'last', hex(NEW.last), 'purpose', NEW.purpose, 'description', NEW.description)
BEGIN
    INSERT INTO changes(change_set_id, table_name, operation, object, related, before, after)
    VALUES ((SELECT id FROM change_sets WHERE open = 1 ORDER BY id DESC LIMIT 1), 'ranges', 'update', NEW.name, (SELECT p.family || ':' || hex(p.network) || '/' || p.length FROM prefixes p WHERE p.id = NEW.prefix_id), json_object('name', OLD.name, 'prefix', (SELECT p.family || ':' || hex(p.network) || '/' || p.length FROM prefixes p WHERE p.id = OLD.prefix_id), 'family', OLD.family, 'first', hex(OLD.first), 'last', hex(OLD.last), 'purpose', OLD.purpose, 'description', OLD.description), json_object('name', NEW.name, 'prefix', (SELECT p.family || ':' || hex(p.network) || '/' || p.length FROM prefixes p WHERE p.id = NEW.prefix_id), 'family', NEW.family, 'first', hex(NEW.first), 'last', hex(NEW.last), 'purpose', NEW.purpose, 'description', NEW.description));
END;

CREATE TRIGGER ranges_history_delete AFTER DELETE ON ranges BEGIN
    INSERT INTO changes(change_set_id, table_name, operation, object, related, before, after)
    VALUES ((SELECT id FROM change_sets WHERE open = 1 ORDER BY id DESC LIMIT 1), 'ranges', 'delete', OLD.name, (SELECT p.family || ':' || hex(p.network) || '/' || p.length FROM prefixes p WHERE p.id = OLD.prefix_id), json_object('name', OLD.name, 'prefix', (SELECT p.family || ':' || hex(p.network) || '/' || p.length FROM prefixes p WHERE p.id = OLD.prefix_id), 'family', OLD.family, 'first', hex(OLD.first), 'last', hex(OLD.last), 'purpose', OLD.purpose, 'description', OLD.description), NULL);
END;

CREATE TRIGGER services_history_insert AFTER INSERT ON services BEGIN
    INSERT INTO changes(change_set_id, table_name, operation, object, related, before, after)
    VALUES ((SELECT id FROM change_sets WHERE open = 1 ORDER BY id DESC LIMIT 1), 'services', 'insert', NEW.name, (SELECT name FROM clusters WHERE id = NEW.cluster_id), NULL, json_object('name', NEW.name, 'cluster', (SELECT name FROM clusters WHERE id = NEW.cluster_id), 'description', NEW.description));
END;

CREATE TRIGGER services_history_update AFTER UPDATE ON services
WHEN json_object('name', OLD.name, 'cluster', (SELECT name FROM clusters WHERE id = OLD.cluster_id), 'description', OLD.description)
  IS NOT json_object('name', NEW.name, 'cluster', (SELECT name FROM clusters WHERE id = NEW.cluster_id), 'description', NEW.description)
BEGIN
    INSERT INTO changes(change_set_id, table_name, operation, object, related, before, after)
    VALUES ((SELECT id FROM change_sets WHERE open = 1 ORDER BY id DESC LIMIT 1), 'services', 'update', NEW.name, (SELECT name FROM clusters WHERE id = NEW.cluster_id), json_object('name', OLD.name, 'cluster', (SELECT name FROM clusters WHERE id = OLD.cluster_id), 'description', OLD.description), json_object('name', NEW.name, 'cluster', (SELECT name FROM clusters WHERE id = NEW.cluster_id), 'description', NEW.description));
END;

CREATE TRIGGER services_history_delete AFTER DELETE ON services BEGIN
    INSERT INTO changes(change_set_id, table_name, operation, object, related, before, after)
    VALUES ((SELECT id FROM change_sets WHERE open = 1 ORDER BY id DESC LIMIT 1), 'services', 'delete', OLD.name, (SELECT name FROM clusters WHERE id = OLD.cluster_id), json_object('name', OLD.name, 'cluster', (SELECT name FROM clusters WHERE id = OLD.cluster_id), 'description', OLD.description), NULL);
END;

CREATE TRIGGER addresses_history_insert AFTER INSERT ON addresses BEGIN
    INSERT INTO changes(change_set_id, table_name, operation, object, related, before, after)
    VALUES ((SELECT id FROM change_sets WHERE open = 1 ORDER BY id DESC LIMIT 1), 'addresses', 'insert', NEW.family || ':' || hex(NEW.address), coalesce((SELECT name FROM machines WHERE id = NEW.machine_id), (SELECT name FROM services WHERE id = NEW.service_id)), NULL, json_object('family', NEW.family, 'address', hex(NEW.address), 'prefix', (SELECT p.family || ':' || hex(p.network) || '/' || p.length FROM prefixes p WHERE p.id = NEW.prefix_id), 'range', (SELECT name FROM ranges WHERE id = NEW.range_id), 'machine', (SELECT name FROM machines WHERE id = NEW.machine_id), 'service', (SELECT name FROM services WHERE id = NEW.service_id), 'dns_name', NEW.dns_name, 'description', NEW.description, 'position', NEW.position));
END;

CREATE TRIGGER addresses_history_update AFTER UPDATE ON addresses
WHEN json_object('family', OLD.family, 'address', hex(OLD.address), 'prefix', (SELECT p.family || ':' || hex(p.network) || '/' || p.length FROM prefixes p WHERE p.id = OLD.prefix_id), 'range', (SELECT name FROM ranges WHERE id = OLD.range_id), 'machine', (SELECT name FROM machines WHERE id = OLD.machine_id), 'service', (SELECT name FROM services WHERE id = OLD.service_id), 'dns_name', OLD.dns_name, 'description', OLD.description, 'position', OLD.position)
  IS NOT json_object('family', NEW.family, 'address', hex(NEW.address), 'prefix', (SELECT p.family || ':' || hex(p.network) || '/' || p.length FROM prefixes p WHERE p.id = NEW.prefix_id), 'range', (SELECT name FROM ranges WHERE id = NEW.range_id), 'machine', (SELECT name FROM machines WHERE id = NEW.machine_id), 'service', (SELECT name FROM services WHERE id = NEW.service_id), 'dns_name', NEW.dns_name, 'description', NEW.description, 'position', NEW.position)
BEGIN
    INSERT INTO changes(change_set_id, table_name, operation, object, related, before, after)
    VALUES ((SELECT id FROM change_sets WHERE open = 1 ORDER BY id DESC LIMIT 1), 'addresses', 'update', NEW.family || ':' || hex(NEW.address), coalesce((SELECT name FROM machines WHERE id = NEW.machine_id), (SELECT name FROM services WHERE id = NEW.service_id)), json_object('family', OLD.family, 'address', hex(OLD.address), 'prefix', (SELECT p.family || ':' || hex(p.network) || '/' || p.length FROM prefixes p WHERE p.id = OLD.prefix_id), 'range', (SELECT name FROM ranges WHERE id = OLD.range_id), 'machine', (SELECT name FROM machines WHERE id = OLD.machine_id), 'service', (SELECT name FROM services WHERE id = OLD.service_id), 'dns_name', OLD.dns_name, 'description', OLD.description, 'position', OLD.position), json_object('family', NEW.family, 'address', hex(NEW.address), 'prefix', (SELECT p.family || ':' || hex(p.network) || '/' || p.length FROM prefixes p WHERE p.id = NEW.prefix_id), 'range', (SELECT name FROM ranges WHERE id = NEW.range_id), 'machine', (SELECT name FROM machines WHERE id = NEW.machine_id), 'service', (SELECT name FROM services WHERE id = NEW.service_id), 'dns_name', NEW.dns_name, 'description', NEW.description, 'position', NEW.position));
END;

CREATE TRIGGER addresses_history_delete AFTER DELETE ON addresses BEGIN
    INSERT INTO changes(change_set_id, table_name, operation, object, related, before, after)
    VALUES ((SELECT id FROM change_sets WHERE open = 1 ORDER BY id DESC LIMIT 1), 'addresses', 'delete', OLD.family || ':' || hex(OLD.address), coalesce((SELECT name FROM machines WHERE id = OLD.machine_id), (SELECT name FROM services WHERE id = OLD.service_id)), json_object('family', OLD.family, 'address', hex(OLD.address), 'prefix', (SELECT p.family || ':' || hex(p.network) || '/' || p.length FROM prefixes p WHERE p.id = OLD.prefix_id), 'range', (SELECT name FROM ranges WHERE id = OLD.range_id), 'machine', (SELECT name FROM machines WHERE id = OLD.machine_id), 'service', (SELECT name FROM services WHERE id = OLD.service_id), 'dns_name', OLD.dns_name, 'description', OLD.description, 'position', OLD.position), NULL);
END;

CREATE TRIGGER zones_history_insert AFTER INSERT ON zones BEGIN
    INSERT INTO changes(change_set_id, table_name, operation, object, related, before, after)
    VALUES ((SELECT id FROM change_sets WHERE open = 1 ORDER BY id DESC LIMIT 1), 'zones', 'insert', NEW.name, NULL, NULL, json_object('name', NEW.name, 'description', NEW.description));
END;

CREATE TRIGGER zones_history_update AFTER UPDATE ON zones
WHEN json_object('name', OLD.name, 'description', OLD.description)
  IS NOT json_object('name', NEW.name, 'description', NEW.description)
BEGIN
    INSERT INTO changes(change_set_id, table_name, operation, object, related, before, after)
    VALUES ((SELECT id FROM change_sets WHERE open = 1 ORDER BY id DESC LIMIT 1), 'zones', 'update', NEW.name, NULL, json_object('name', OLD.name, 'description', OLD.description), json_object('name', NEW.name, 'description', NEW.description));
END;

CREATE TRIGGER zones_history_delete AFTER DELETE ON zones BEGIN
    INSERT INTO changes(change_set_id, table_name, operation, object, related, before, after)
    VALUES ((SELECT id FROM change_sets WHERE open = 1 ORDER BY id DESC LIMIT 1), 'zones', 'delete', OLD.name, NULL, json_object('name', OLD.name, 'description', OLD.description), NULL);
END;

CREATE TRIGGER records_history_insert AFTER INSERT ON records BEGIN
    INSERT INTO changes(change_set_id, table_name, operation, object, related, before, after)
    VALUES ((SELECT id FROM change_sets WHERE open = 1 ORDER BY id DESC LIMIT 1), 'records', 'insert', CASE WHEN NEW.name = '@' THEN (SELECT name FROM zones WHERE id = NEW.zone_id) ELSE NEW.name || '.' || (SELECT name FROM zones WHERE id = NEW.zone_id) END, NEW.value, NULL, json_object('zone', (SELECT name FROM zones WHERE id = NEW.zone_id), 'name', NEW.name, 'type', NEW.type, 'value', NEW.value, 'view', NEW.view, 'ttl', NEW.ttl, 'proxied', NEW.proxied));
END;

CREATE TRIGGER records_history_update AFTER UPDATE ON records
WHEN json_object('zone', (SELECT name FROM zones WHERE id = OLD.zone_id), 'name', OLD.name, 'type', OLD.type, 'value', OLD.value, 'view', OLD.view, 'ttl', OLD.ttl, 'proxied', OLD.proxied)
  IS NOT json_object('zone', (SELECT name FROM zones WHERE id = NEW.zone_id), 'name', NEW.name, 'type', NEW.type, 'value', NEW.value, 'view', NEW.view, 'ttl', NEW.ttl, 'proxied', NEW.proxied)
BEGIN
    INSERT INTO changes(change_set_id, table_name, operation, object, related, before, after)
    VALUES ((SELECT id FROM change_sets WHERE open = 1 ORDER BY id DESC LIMIT 1), 'records', 'update', CASE WHEN NEW.name = '@' THEN (SELECT name FROM zones WHERE id = NEW.zone_id) ELSE NEW.name || '.' || (SELECT name FROM zones WHERE id = NEW.zone_id) END, NEW.value, json_object('zone', (SELECT name FROM zones WHERE id = OLD.zone_id), 'name', OLD.name, 'type', OLD.type, 'value', OLD.value, 'view', OLD.view, 'ttl', OLD.ttl, 'proxied', OLD.proxied), json_object('zone', (SELECT name FROM zones WHERE id = NEW.zone_id), 'name', NEW.name, 'type', NEW.type, 'value', NEW.value, 'view', NEW.view, 'ttl', NEW.ttl, 'proxied', NEW.proxied));
END;

CREATE TRIGGER records_history_delete AFTER DELETE ON records BEGIN
    INSERT INTO changes(change_set_id, table_name, operation, object, related, before, after)
    VALUES ((SELECT id FROM change_sets WHERE open = 1 ORDER BY id DESC LIMIT 1), 'records', 'delete', CASE WHEN OLD.name = '@' THEN (SELECT name FROM zones WHERE id = OLD.zone_id) ELSE OLD.name || '.' || (SELECT name FROM zones WHERE id = OLD.zone_id) END, OLD.value, json_object('zone', (SELECT name FROM zones WHERE id = OLD.zone_id), 'name', OLD.name, 'type', OLD.type, 'value', OLD.value, 'view', OLD.view, 'ttl', OLD.ttl, 'proxied', OLD.proxied), NULL);
END;

CREATE TRIGGER dns_targets_history_insert AFTER INSERT ON dns_targets BEGIN
    INSERT INTO changes(change_set_id, table_name, operation, object, related, before, after)
    VALUES ((SELECT id FROM change_sets WHERE open = 1 ORDER BY id DESC LIMIT 1), 'dns_targets', 'insert', NEW.name, (SELECT name FROM zones WHERE id = NEW.zone_id), NULL, json_object('name', NEW.name, 'kind', NEW.kind, 'zone', (SELECT name FROM zones WHERE id = NEW.zone_id), 'view', NEW.view, 'url', NEW.url, 'hosts_file', NEW.hosts_file, 'cname_file', NEW.cname_file, 'reload_command', NEW.reload_command, 'description', NEW.description));
END;

CREATE TRIGGER dns_targets_history_update AFTER UPDATE ON dns_targets
WHEN json_object('name', OLD.name, 'kind', OLD.kind, 'zone', (SELECT name FROM zones WHERE id = OLD.zone_id), 'view', OLD.view, 'url', OLD.url, 'hosts_file', OLD.hosts_file, 'cname_file', OLD.cname_file, 'reload_command', OLD.reload_command, 'description', OLD.description)
  IS NOT json_object('name', NEW.name, 'kind', NEW.kind, 'zone', (SELECT name FROM zones WHERE id = NEW.zone_id), 'view', NEW.view, 'url', NEW.url, 'hosts_file', NEW.hosts_file, 'cname_file', NEW.cname_file, 'reload_command', NEW.reload_command, 'description', NEW.description)
BEGIN
    INSERT INTO changes(change_set_id, table_name, operation, object, related, before, after)
    VALUES ((SELECT id FROM change_sets WHERE open = 1 ORDER BY id DESC LIMIT 1), 'dns_targets', 'update', NEW.name, (SELECT name FROM zones WHERE id = NEW.zone_id), json_object('name', OLD.name, 'kind', OLD.kind, 'zone', (SELECT name FROM zones WHERE id = OLD.zone_id), 'view', OLD.view, 'url', OLD.url, 'hosts_file', OLD.hosts_file, 'cname_file', OLD.cname_file, 'reload_command', OLD.reload_command, 'description', OLD.description), json_object('name', NEW.name, 'kind', NEW.kind, 'zone', (SELECT name FROM zones WHERE id = NEW.zone_id), 'view', NEW.view, 'url', NEW.url, 'hosts_file', NEW.hosts_file, 'cname_file', NEW.cname_file, 'reload_command', NEW.reload_command, 'description', NEW.description));
END;

CREATE TRIGGER dns_targets_history_delete AFTER DELETE ON dns_targets BEGIN
    INSERT INTO changes(change_set_id, table_name, operation, object, related, before, after)
    VALUES ((SELECT id FROM change_sets WHERE open = 1 ORDER BY id DESC LIMIT 1), 'dns_targets', 'delete', OLD.name, (SELECT name FROM zones WHERE id = OLD.zone_id), json_object('name', OLD.name, 'kind', OLD.kind, 'zone', (SELECT name FROM zones WHERE id = OLD.zone_id), 'view', OLD.view, 'url', OLD.url, 'hosts_file', OLD.hosts_file, 'cname_file', OLD.cname_file, 'reload_command', OLD.reload_command, 'description', OLD.description), NULL);
END;

CREATE TRIGGER inventory_groups_history_insert AFTER INSERT ON inventory_groups BEGIN
    INSERT INTO changes(change_set_id, table_name, operation, object, related, before, after)
    VALUES ((SELECT id FROM change_sets WHERE open = 1 ORDER BY id DESC LIMIT 1), 'inventory_groups', 'insert', NEW.name, NULL, NULL, json_object('name', NEW.name, 'description', NEW.description));
END;

CREATE TRIGGER inventory_groups_history_update AFTER UPDATE ON inventory_groups
WHEN json_object('name', OLD.name, 'description', OLD.description) IS NOT json_object('name', NEW.name, 'description', NEW.description)
BEGIN
    INSERT INTO changes(change_set_id, table_name, operation, object, related, before, after)
    VALUES ((SELECT id FROM change_sets WHERE open = 1 ORDER BY id DESC LIMIT 1), 'inventory_groups', 'update', NEW.name, NULL, json_object('name', OLD.name, 'description', OLD.description), json_object('name', NEW.name, 'description', NEW.description));
END;

CREATE TRIGGER inventory_groups_history_delete AFTER DELETE ON inventory_groups BEGIN
    INSERT INTO changes(change_set_id, table_name, operation, object, related, before, after)
    VALUES ((SELECT id FROM change_sets WHERE open = 1 ORDER BY id DESC LIMIT 1), 'inventory_groups', 'delete', OLD.name, NULL, json_object('name', OLD.name, 'description', OLD.description), NULL);
END;

CREATE TRIGGER inventory_group_vars_history_insert AFTER INSERT ON inventory_group_vars BEGIN
    INSERT INTO changes(change_set_id, table_name, operation, object, related, before, after)
    VALUES ((SELECT id FROM change_sets WHERE open = 1 ORDER BY id DESC LIMIT 1), 'inventory_group_vars', 'insert', coalesce((SELECT name FROM inventory_groups WHERE id = NEW.group_id), '#' || NEW.group_id), NULL, NULL, json_object('group', (SELECT name FROM inventory_groups WHERE id = NEW.group_id), 'key', NEW.key, 'value', NEW.value));
END;

CREATE TRIGGER inventory_group_vars_history_update AFTER UPDATE ON inventory_group_vars
WHEN json_object('group', (SELECT name FROM inventory_groups WHERE id = OLD.group_id), 'key', OLD.key, 'value', OLD.value) IS NOT json_object('group', (SELECT name FROM inventory_groups WHERE id = NEW.group_id), 'key', NEW.key, 'value', NEW.value)
BEGIN
    INSERT INTO changes(change_set_id, table_name, operation, object, related, before, after)
    VALUES ((SELECT id FROM change_sets WHERE open = 1 ORDER BY id DESC LIMIT 1), 'inventory_group_vars', 'update', coalesce((SELECT name FROM inventory_groups WHERE id = NEW.group_id), '#' || NEW.group_id), NULL, json_object('group', (SELECT name FROM inventory_groups WHERE id = OLD.group_id), 'key', OLD.key, 'value', OLD.value), json_object('group', (SELECT name FROM inventory_groups WHERE id = NEW.group_id), 'key', NEW.key, 'value', NEW.value));
END;

CREATE TRIGGER inventory_group_vars_history_delete AFTER DELETE ON inventory_group_vars BEGIN
    INSERT INTO changes(change_set_id, table_name, operation, object, related, before, after)
    VALUES ((SELECT id FROM change_sets WHERE open = 1 ORDER BY id DESC LIMIT 1), 'inventory_group_vars', 'delete', coalesce((SELECT name FROM inventory_groups WHERE id = OLD.group_id), '#' || OLD.group_id), NULL, json_object('group', (SELECT name FROM inventory_groups WHERE id = OLD.group_id), 'key', OLD.key, 'value', OLD.value), NULL);
END;

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
