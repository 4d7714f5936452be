-- labdb schema, version 2: runs of allocated addresses, so that "the first free
-- address of a range" is one index seek whatever the number of allocations.
--
-- address_runs holds the maximal runs of consecutive allocated addresses of each
-- family: every address in [first, last] is in `addresses`, and the addresses
-- just before `first` and just after `last` are not. Then the first free address
-- at or after S is S itself when no run covers S, else that run's last + 1.
--
-- The runs are derived data. labdb's allocator keeps them exact as it writes.
-- Any other write to `addresses` (the lab-file importer, a hand-written UPDATE)
-- marks the family stale through the triggers below; the importer then rebuilds
-- the stale runs before it commits, and an allocation rebuilds them, in its own
-- transaction, before it uses them.

CREATE TABLE address_runs (
    family          INTEGER NOT NULL CHECK (family IN (4, 6)),
    first           BLOB NOT NULL CHECK (length(first) = 16),
    last            BLOB NOT NULL CHECK (length(last) = 16 AND last >= first),
    PRIMARY KEY (family, first)
) STRICT, WITHOUT ROWID;

-- One row per family: stale = 1 when its runs may not match `addresses`.
CREATE TABLE address_runs_state (
    family          INTEGER PRIMARY KEY CHECK (family IN (4, 6)),
    stale           INTEGER NOT NULL CHECK (stale IN (0, 1))
) STRICT;

-- Existing databases have addresses but no runs yet.
INSERT INTO address_runs_state(family, stale) VALUES (4, 1), (6, 1);

CREATE TRIGGER addresses_mark_runs_after_insert AFTER INSERT ON addresses
BEGIN
    UPDATE address_runs_state SET stale = 1 WHERE family = NEW.family AND stale = 0;
END;

CREATE TRIGGER addresses_mark_runs_after_delete AFTER DELETE ON addresses
BEGIN
    UPDATE address_runs_state SET stale = 1 WHERE family = OLD.family AND stale = 0;
END;

CREATE TRIGGER addresses_mark_runs_after_update AFTER UPDATE OF family, address ON addresses
BEGIN
    UPDATE address_runs_state SET stale = 1 WHERE family IN (OLD.family, NEW.family) AND stale = 0;
END;
