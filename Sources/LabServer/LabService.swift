import Foundation
import Hummingbird
import LabModel
import LabStore
import Synchronization

/// What every route of `labdb serve` shares: the configuration, the database connections,
/// the server's metrics, and token checks.
final class LabService: Sendable {
    let configuration: ServerConfiguration
    let pool: ConnectionPool
    let metrics = ServerMetrics()
    /// When each token was last marked used, so that a busy token writes at most once a minute.
    private let lastMarked = Mutex<[String: Date]>([:])

    init(configuration: ServerConfiguration) {
        self.configuration = configuration
        pool = ConnectionPool { readOnly in
            try Connection(path: configuration.databasePath, readOnly: readOnly, configuration: configuration)
        }
    }

    /// Checks a presented token; marks it used at most once a minute.
    func verify(token: String) async throws -> TokenStore.Verdict {
        let verdict = try await pool.read { try TokenStore(database: $0.database).verify(token) }
        if case .valid(let name, _, _, _) = verdict {
            let now = Date()
            let due = lastMarked.withLock { marks -> Bool in
                if let last = marks[name], now.timeIntervalSince(last) < 60 { return false }
                marks[name] = now
                return true
            }
            if due { _ = try? await pool.write { try TokenStore(database: $0.database).markUsed(name: name, now: now) } }
        }
        return verdict
    }

    /// Runs a write on the write connection, recording `identity` as the actor of the
    /// change set and `summary` (method and route) as its command.
    func write<T: Sendable>(as identity: Identity?, _ summary: String, _ body: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        let actor = identity.map { "token:\($0.name)" } ?? "anonymous"
        return try await pool.write { connection in
            connection.database.changeContext = ChangeContext(user: actor, command: "labdb serve: \(summary)")
            defer { connection.database.changeContext = nil }
            return try body(connection)
        }
    }
}
