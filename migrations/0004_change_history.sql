-- labdb schema 0004: change history.
-- Every write to an inventory table is recorded by a trigger in `changes`, with the
-- row before and after as JSON (addresses and networks as 32-digit hex of their
-- 16-byte BLOB, which labdb decodes when it prints them). A labdb command opens a
-- change set (who, when, which command) at the start of its transaction and closes
-- it before COMMIT; the triggers attach each change to the open change set. Main-
-- schema triggers cannot read TEMP tables, so "open" is a column: it is 1 only
-- inside the writing transaction, which is the only writer (SQLite serialises
-- writers). A write outside labdb (raw SQL) is still recorded, with no change set.

CREATE TABLE change_sets (
    id              INTEGER PRIMARY KEY,
    at              TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    os_user         TEXT NOT NULL,
    command         TEXT NOT NULL,
    open            INTEGER NOT NULL DEFAULT 1 CHECK (open IN (0, 1))
) STRICT;
CREATE INDEX change_sets_open ON change_sets(id) WHERE open = 1;

CREATE TABLE changes (
    id              INTEGER PRIMARY KEY,
    change_set_id   INTEGER REFERENCES change_sets(id) ON DELETE CASCADE,
    at              TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    table_name      TEXT NOT NULL,
    operation       TEXT NOT NULL CHECK (operation IN ('insert', 'update', 'delete')),
    -- the object's name (an address or prefix as family:HEX[/length]) and a related
    -- name (a guest's host, an address's holder, a record's value) for `labdb history NAME`
    object          TEXT NOT NULL,
    related         TEXT,
    before          TEXT,
    after           TEXT
) STRICT;
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

CREATE TRIGGER machines_history_delete_children BEFORE DELETE ON machines BEGIN
    DELETE FROM machine_tags WHERE machine_id = OLD.id;
    DELETE FROM machine_attributes WHERE machine_id = OLD.id;
    DELETE FROM disks WHERE machine_id = OLD.id;
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
