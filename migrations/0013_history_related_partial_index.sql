-- labdb schema 0013: the history's `related` index holds only rows that have a related name.
-- `labdb history NAME` finds a name as a change's object or as its related name (a guest's
-- host, an address's holder, a record's value), always by `related = ?`, which no NULL row
-- can satisfy; yet every tag, attribute, host, cluster, zone and prefix change has no related
-- name and still took an entry in the index (and, inside a write, a copy of that index page
-- in SQLite's statement journal). A partial index keeps only the rows a lookup can find;
-- SQLite uses it for `related = ?` (that comparison implies `related IS NOT NULL`), as
-- HistoryIndexTests checks with EXPLAIN QUERY PLAN. Same name, same column and collation.

DROP INDEX changes_related;
CREATE INDEX changes_related ON changes(related COLLATE NOCASE) WHERE related IS NOT NULL;
