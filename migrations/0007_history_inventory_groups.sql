-- labdb schema 0007: change history for Ansible inventory groups (0006), in the
-- manner of 0004. A group's variables are removed before the group itself, so
-- their history rows can still name the group.

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

CREATE TRIGGER inventory_groups_history_before_delete BEFORE DELETE ON inventory_groups BEGIN
    DELETE FROM inventory_group_vars WHERE group_id = OLD.id;
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
