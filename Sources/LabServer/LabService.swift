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
    /// Recent verdicts by token digest, valid while the database files are unchanged (any
    /// commit, a revocation too, changes them) and for at most `verdictLifetime` seconds.
    private let verdicts = Mutex<VerdictCache>(VerdictCache())
    static let verdictLifetime: TimeInterval = 10

    init(configuration: ServerConfiguration) {
        self.configuration = configuration
        pool = ConnectionPool { readOnly in
            try Connection(path: configuration.databasePath, readOnly: readOnly, configuration: configuration)
        }
    }

    /// Checks a presented token; marks it used at most once a minute.
    func verify(token: String) async throws -> TokenStore.Verdict {
        let key = SHA256.digest(Array(token.utf8))
        let stamp = FileStamp(databasePath: configuration.databasePath)
        let now = Date()
        if let cached = verdicts.withLock({ $0.verdict(for: key, stamp: stamp, now: now) }) { return cached }
        let verdict = try await pool.read { try TokenStore(database: $0.database).verify(token) }
        verdicts.withLock { $0.store(verdict, for: key, stamp: stamp, until: now.addingTimeInterval(LabService.verdictLifetime)) }
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

    /// The identity of a presented token, or a 401 problem that says why it is not accepted.
    func identity(token: String) async throws -> Identity {
        switch try await verify(token: token) {
        case .valid(let name, let scope, let cluster, let domains):
            return Identity(name: name, scope: scope, cluster: cluster, domains: domains)
        case .expired(let name):
            throw Problem.unauthorized("the token '\(name)' has expired; create a new one with `labdb token create`")
        case .unknown:
            throw Problem.unauthorized("the token is not valid (never issued, or revoked)")
        }
    }

    /// Runs the rest of the chain as `identity`; errors become problem documents here, so
    /// that the access log still names the token of a refused request.
    func respond(as identity: Identity, _ request: Request, _ context: LabRequestContext,
                 _ next: (Request, LabRequestContext) async throws -> Response) async -> Response {
        var context = context
        context.identity = identity
        var response: Response
        do {
            response = try await next(request, context)
        } catch {
            response = Problem.response(for: error, request: request, databasePath: configuration.databasePath)
        }
        response.headers[.labdbToken] = identity.name
        return response
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

/// The size and modification time of the database file and its WAL: a commit by any
/// process changes them.
struct FileStamp: Equatable, Sendable {
    let values: [Int]

    init(databasePath: String) {
        var result: [Int] = []
        for path in [databasePath, databasePath + "-wal"] {
            var info = stat()
            if stat(path, &info) == 0 {
                result += [Int(info.st_size), Int(info.st_mtim.tv_sec), Int(info.st_mtim.tv_nsec), Int(info.st_ino)]
            } else {
                result += [-1, 0, 0, 0]
            }
        }
        values = result
    }
}

/// Token verdicts by digest, for one state of the database files.
struct VerdictCache: Sendable {
    private var stamp: FileStamp?
    private var entries: [[UInt8]: (verdict: TokenStore.Verdict, until: Date)] = [:]

    mutating func verdict(for key: [UInt8], stamp: FileStamp, now: Date) -> TokenStore.Verdict? {
        guard stamp == self.stamp, let entry = entries[key], entry.until > now else { return nil }
        return entry.verdict
    }

    mutating func store(_ verdict: TokenStore.Verdict, for key: [UInt8], stamp: FileStamp, until: Date) {
        if stamp != self.stamp || entries.count > 1_000 {
            entries.removeAll()
            self.stamp = stamp
        }
        entries[key] = (verdict, until)
    }
}
