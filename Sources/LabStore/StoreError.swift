/// An error from SQLite or from the schema migrator.
public struct StoreError: Error, CustomStringConvertible, Sendable {
    /// The SQLite primary or extended result code (0 when the error is labdb's own).
    public let code: Int32
    /// What went wrong, in one sentence.
    public let message: String
    /// The statement that failed, when there was one.
    public let sql: String?

    /// An error with an SQLite code, a message and the failing statement.
    public init(code: Int32, message: String, sql: String? = nil) {
        self.code = code
        self.message = message
        self.sql = sql
    }

    /// SQLITE_CONSTRAINT and its extended codes.
    public var isConstraintViolation: Bool { code & 0xFF == 19 }
    /// SQLITE_BUSY or SQLITE_LOCKED.
    public var isBusy: Bool { code & 0xFF == 5 || code & 0xFF == 6 }
    /// SQLITE_READONLY and its extended codes.
    public var isReadOnly: Bool { code & 0xFF == 8 }
    /// SQLITE_FULL (disk full).
    public var isDiskFull: Bool { code & 0xFF == 13 }
    /// SQLITE_CORRUPT or SQLITE_NOTADB.
    public var isCorrupt: Bool { code & 0xFF == 11 || code & 0xFF == 26 }

    /// SQLite could not compile a statement because it is too big or too deep (its parser
    /// stack, expression depth or number of parameters ran out).
    public var isStatementTooComplex: Bool {
        code & 0xFF == 1 && (message.contains("parser stack overflow") || message.contains("Expression tree is too large")
            || message.contains("too many SQL variables"))
            || code & 0xFF == 18  // SQLITE_TOOBIG
    }

    public var description: String {
        if isReadOnly { return "the database is read-only (\(message))" }
        if isDiskFull { return "the disk is full: nothing was written (\(message))" }
        if isBusy { return "the database is busy: another process held its write lock past the timeout; nothing was written, try again (\(message))" }
        if code & 0xFF == 10 { return "the disk reported an I/O error; is it full or failing? (\(message))" }
        if isCorrupt { return "the database file is damaged or not a labdb database (\(message))" }
        return message
    }
}
