-- labdb schema 0005: change history for DNS targets (0003), in the manner of 0004.
-- dns_owned_entries is not tracked: it is the DNS sync's own bookkeeping of what it
-- created on each target, rewritten by every apply, not part of the inventory.

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
