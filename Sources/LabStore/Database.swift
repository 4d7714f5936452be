import CSQLite

/// A connection to one labdb SQLite file.
///
/// Opened with foreign keys on, WAL journalling, a busy timeout (so that a writer
/// waits for another instead of failing) and SQLite's defensive mode. A connection
/// belongs to one thread at a time; open one per process or task.
///
/// A good citizen of a database that Litestream replicates: every connection uses WAL and
/// the busy timeout (30 s: Litestream asks for at least 5 s, so that its brief write lock
/// at a checkpoint makes labdb wait rather than fail; the longer wait also carries eight
/// allocating processes and the server through contention). labdb itself never runs a
/// TRUNCATE, RESTART or FULL checkpoint, nor VACUUM, which would wait for Litestream's
/// long-held read lock for the whole timeout: only SQLite's automatic PASSIVE checkpoints
/// happen (ReplicationTests guards this).
public final class Database {
    /// How a transaction takes its locks.
    public enum TransactionKind: String, Sendable {
        /// Takes the write lock at the first write.
        case deferred = "DEFERRED"
        /// Takes the write lock at once: use for read-then-write work such as allocation.
        case immediate = "IMMEDIATE"
    }

    let handle: OpaquePointer
    /// The file path this connection opened.
    public let path: String
    /// Whether the connection was opened read-only.
    public let isReadOnly: Bool
    private var cache: [String: Statement] = [:]
    private var transactionDepth = 0

    /// Who is writing and with which command. When set, every outermost write transaction
    /// opens a change set, so that the history triggers record who made each change.
    public var changeContext: ChangeContext? {
        get {
            if let makeChangeContext {
                storedChangeContext = makeChangeContext()
                self.makeChangeContext = nil
            }
            return storedChangeContext
        }
        set {
            storedChangeContext = newValue
            makeChangeContext = nil
        }
    }
    private var storedChangeContext: ChangeContext?
    private var makeChangeContext: (() -> ChangeContext)?

    /// Sets `changeContext` to what `make` returns, made when it is first read (by the first
    /// write, usually): a command that only reads never looks up its user or masks its
    /// command line, which was a measurable part of a short query's run.
    public func setChangeContext(madeWhenNeeded make: @escaping () -> ChangeContext) {
        storedChangeContext = nil
        makeChangeContext = make
    }

    /// Opens (and, unless read-only, creates) the database at `path`.
    /// - Parameter busyTimeoutMilliseconds: how long a write waits for another writer's lock.
    public init(path: String, readOnly: Bool = false, busyTimeoutMilliseconds: Int32 = 30_000) throws {
        var handle: OpaquePointer?
        let flags = (readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI
        let rc = sqlite3_open_v2(path, &handle, flags, nil)
        guard rc == SQLITE_OK, let handle else {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close_v2(handle)
            throw StoreError(code: rc, message: "cannot open \(path): \(message)")
        }
        self.handle = handle
        self.path = path
        self.isReadOnly = readOnly
        sqlite3_extended_result_codes(handle, 1)
        sqlite3_busy_timeout(handle, busyTimeoutMilliseconds)
        _ = labdb_sqlite_enable_defensive(handle)
        do {
            try execute("PRAGMA foreign_keys = ON")
            if !readOnly {
                // Reading the journal mode first avoids taking a write lock when WAL is already on.
                if try scalar("PRAGMA journal_mode")?.string?.lowercased() != "wal" {
                    try execute("PRAGMA journal_mode = WAL")
                }
                try execute("PRAGMA synchronous = NORMAL")
            }
        } catch {
            cache.removeAll()
            sqlite3_close_v2(handle)
            throw error
        }
    }

    deinit {
        cache.removeAll()
        sqlite3_close_v2(handle)
    }

    func statement(_ sql: String) throws(StoreError) -> Statement {
        if let cached = cache[sql] { return cached }
        let statement = try Statement(database: handle, sql: sql)
        cache[sql] = statement
        return statement
    }

    func error(_ rc: Int32, _ sql: String) -> StoreError {
        StoreError(code: sqlite3_extended_errcode(handle), message: String(cString: sqlite3_errmsg(handle)), sql: sql)
    }

    /// Runs `sql` with bound `arguments`, ignoring any rows.
    public func execute(_ sql: String, _ arguments: [SQLValue] = []) throws(StoreError) {
        let statement = try statement(sql)
        try statement.bind(arguments)
        defer { sqlite3_reset(statement.handle) }
        while true {
            let rc = sqlite3_step(statement.handle)
            if rc == SQLITE_DONE { return }
            if rc != SQLITE_ROW { throw error(rc, sql) }
        }
    }

    /// Runs a script of several statements without arguments (migrations, pragmas).
    public func executeScript(_ sql: String) throws(StoreError) {
        var message: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &message)
        if rc != SQLITE_OK {
            let text = message.map { String(cString: $0) } ?? "error \(rc)"
            sqlite3_free(message)
            throw StoreError(code: sqlite3_extended_errcode(handle), message: text, sql: sql)
        }
    }

    /// Runs `sql` and calls `body` with each row, in order; `body` returns false to stop early.
    public func forEachRow(_ sql: String, _ arguments: [SQLValue] = [], _ body: (Row) throws -> Bool) throws {
        let statement = try statement(sql)
        try statement.bind(arguments)
        defer { sqlite3_reset(statement.handle) }
        let names = statement.columnNames
        let count = Int32(names.count)
        while true {
            let rc = sqlite3_step(statement.handle)
            if rc == SQLITE_DONE { return }
            guard rc == SQLITE_ROW else { throw error(rc, sql) }
            let row = Row(columns: names, values: (0..<count).map { statement.value(at: $0) })
            if try !body(row) { return }
        }
    }

    /// All rows of `sql`.
    public func query(_ sql: String, _ arguments: [SQLValue] = []) throws -> [Row] {
        var rows: [Row] = []
        try forEachRow(sql, arguments) { rows.append($0); return true }
        return rows
    }

    /// The rows of `sql`, each made into a value by `transform` as it is read: unlike
    /// `query(_:_:)(...).map`, no array of every row's values is held on the way.
    public func rows<T>(_ sql: String, _ arguments: [SQLValue] = [], as transform: (Row) throws -> T) throws -> [T] {
        var values: [T] = []
        try forEachRow(sql, arguments) { values.append(try transform($0)); return true }
        return values
    }

    /// The first row of `sql`, if any.
    public func first(_ sql: String, _ arguments: [SQLValue] = []) throws -> Row? {
        var found: Row?
        try forEachRow(sql, arguments) { found = $0; return false }
        return found
    }

    /// The first column of the first row of `sql`, if any.
    public func scalar(_ sql: String, _ arguments: [SQLValue] = []) throws -> SQLValue? {
        try first(sql, arguments)?[0]
    }

    /// The rowid of the last inserted row on this connection.
    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// Rows changed by the last statement.
    public var changes: Int { Int(sqlite3_changes(handle)) }

    /// Runs `body` in a transaction: committed when it returns, rolled back when it throws.
    /// Nested calls join the outer transaction. The outermost call records its changes
    /// under a change set for `changeSet`, else for `changeContext` (when either is set).
    public func transaction<T>(_ kind: TransactionKind = .immediate, changeSet: ChangeContext? = nil, _ body: () throws -> T) throws -> T {
        if transactionDepth > 0 {
            transactionDepth += 1
            defer { transactionDepth -= 1 }
            return try body()
        }
        try execute("BEGIN \(kind.rawValue)")
        transactionDepth = 1
        defer { transactionDepth = 0 }
        do {
            let changeSetID = try openChangeSet(changeSet ?? changeContext)
            let result = try body()
            if let changeSetID { try closeChangeSet(changeSetID) }
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    /// Whether a transaction is open on this connection.
    public var inTransaction: Bool { transactionDepth > 0 }
}
