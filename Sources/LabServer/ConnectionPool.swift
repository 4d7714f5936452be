import Dispatch
import Synchronization

/// The server's connections: several read connections used at once (WAL lets readers run
/// beside a writer), and one write connection behind a lock, so that the server's own
/// writes queue in memory instead of polling SQLite's busy handler. Another process (the
/// command line, the shell) still takes turns with it through SQLite's lock.
/// Work runs on a Dispatch queue, off the threads that serve connections.
final class ConnectionPool: Sendable {
    private let idle: Mutex<[Connection]>
    private let writer: Mutex<Connection?>
    private let make: @Sendable (_ readOnly: Bool) throws -> Connection
    private let queue = DispatchQueue(label: "labdb.database", attributes: .concurrent)

    init(make: @escaping @Sendable (_ readOnly: Bool) throws -> Connection) {
        self.make = make
        self.idle = Mutex([])
        self.writer = Mutex(nil)
    }

    /// Runs `body` on a read connection, off the event loop, in one read transaction: every
    /// query of a request sees the same state of the lab, and SQLite takes its WAL read lock
    /// once per request instead of once per query.
    func read<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        try await offload {
            let connection = try self.idle.withLock { $0.popLast() } ?? self.make(true)
            defer { self.idle.withLock { $0.append(connection) } }
            return try connection.database.transaction(.deferred) { try body(connection) }
        }
    }

    /// Runs `body` on the write connection, one at a time, off the event loop.
    func write<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        try await offload {
            try self.writer.withLock { writer in
                if writer == nil { writer = try self.make(false) }
                return try body(writer!)
            }
        }
    }

    private func offload<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async {
                continuation.resume(with: Result { try work() })
            }
        }
    }
}
