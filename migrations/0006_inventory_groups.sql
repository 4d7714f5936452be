-- Ansible inventory group variables, set in the lab file under `groups:`.
-- A group is named as Ansible sees it (e.g. `all`, `cluster_prod`, `tag_k8s`),
-- so its name follows Ansible's rule: letters, digits and `_`, not starting with a digit.
-- Values are text, as machine attributes are.

CREATE TABLE inventory_groups (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL UNIQUE COLLATE NOCASE
                    CHECK (length(name) BETWEEN 1 AND 128 AND name NOT GLOB '*[^A-Za-z0-9_]*' AND name NOT GLOB '[0-9]*'),
    description     TEXT
) STRICT;

CREATE TABLE inventory_group_vars (
    group_id        INTEGER NOT NULL REFERENCES inventory_groups(id) ON DELETE CASCADE,
    key             TEXT NOT NULL CHECK (length(key) BETWEEN 1 AND 128),
    value           TEXT NOT NULL,
    PRIMARY KEY (group_id, key)
) STRICT, WITHOUT ROWID;
