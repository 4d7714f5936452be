import CSQLite
import Foundation

/// The deadline a running statement is checked against, reached from SQLite's progress callback.
private final class Deadline {
    let uptime: UInt64
    init(seconds: Double) { uptime = DispatchTime.now().uptimeNanoseconds + UInt64(max(0, seconds) * 1e9) }
}

extension Database {
    /// Runs `body` with a time limit: SQLite interrupts any statement still running after
    /// `seconds`, and the statement fails with `StoreError.isInterrupted` set. Used by the
    /// server (a query past the limit is answered 503) so that no request holds a connection.
    public func withTimeLimit<T>(_ seconds: Double, _ body: () throws -> T) throws -> T {
        let deadline = Unmanaged.passRetained(Deadline(seconds: seconds))
        defer {
            sqlite3_progress_handler(handle, 0, nil, nil)
            deadline.release()
        }
        // Every 1,000 virtual machine instructions (a few microseconds) the clock is read.
        sqlite3_progress_handler(handle, 1_000, { context in
            guard let context else { return 0 }
            let deadline = Unmanaged<Deadline>.fromOpaque(context).takeUnretainedValue()
            return DispatchTime.now().uptimeNanoseconds > deadline.uptime ? 1 : 0
        }, deadline.toOpaque())
        return try body()
    }
}

extension StoreError {
    /// Whether SQLite stopped the statement because a time limit or interrupt fired.
    public var isInterrupted: Bool { code & 0xFF == SQLITE_INTERRUPT }
}
