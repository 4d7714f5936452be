-- labdb schema 0013: the history's indexes cost a write less and serve the closing step.
--
-- `changes_related` holds only rows that have a related name. `labdb history NAME` finds a
-- name as a change's object or as its related name (a guest's host, an address's holder, a
-- record's value), always by `related = ?`, which no NULL row can satisfy; yet every tag,
-- attribute, host, cluster, zone and prefix change has no related name and still took an
-- entry in the index (and, inside a write, a copy of that index page in SQLite's statement
-- journal). SQLite uses the partial index for `related = ?`, since that comparison implies
-- `related IS NOT NULL` (HistoryIndexTests checks this with EXPLAIN QUERY PLAN).
--
-- `changes_set` also holds the operation. Closing a change set looks for its deletes (only
-- a delete can pair with an insert as noise); by change set alone that read every row of
-- the set (for a 2,000-VM import, about a twentieth of what its history cost); now it is
-- one index lookup.
-- The change set is still the index's first column, for the foreign key and the other
-- lookups by change set.

DROP INDEX changes_related;
CREATE INDEX changes_related ON changes(related COLLATE NOCASE) WHERE related IS NOT NULL;
DROP INDEX changes_set;
CREATE INDEX changes_set ON changes(change_set_id, operation);
