#ifndef LABDB_CSQLITE_SHIM_H
#define LABDB_CSQLITE_SHIM_H
#include <sqlite3.h>

/// SQLITE_TRANSIENT is a function-like cast macro that Swift cannot import.
static inline sqlite3_destructor_type labdb_sqlite_transient(void) { return SQLITE_TRANSIENT; }

/// sqlite3_db_config is variadic: one wrapper per use.
static inline int labdb_sqlite_enable_defensive(sqlite3 *db) {
    return sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, (int *)0);
}
#endif
