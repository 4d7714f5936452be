import Foundation
import LabModel
import LabStore

/// Plans and applies the lab's DNS records to its targets.
///
/// Everything it needs is passed in: the database (the lab and the ownership table), the
/// environment (secrets), the HTTP transport and the retry policy.
public struct DNSSync {
    let db: Database
    let secrets: SecretReader
    let transport: any HTTPTransport
    let retry: RetryPolicy

    public init(database: Database, environment: [String: String] = ProcessInfo.processInfo.environment,
                transport: any HTTPTransport = CurlTransport(), retry: RetryPolicy = RetryPolicy()) {
        self.db = database
        self.secrets = SecretReader(environment: environment)
        self.transport = transport
        self.retry = retry
    }

    /// The lab's targets, or the one called `name`.
    public func targets(named name: String? = nil) throws -> [DNSTarget] {
        let all = try Lab(database: db).dnsTargets
        guard let name else {
            if all.isEmpty { throw DNSError.noTargets }
            return all
        }
        guard let target = all.first(where: { $0.name.caseInsensitiveEquals(name) }) else {
            throw DNSError.unknownTarget(name: name, known: all.map(\.name))
        }
        return [target]
    }

    /// A provider for `target`; reads its secret now (not for files targets).
    public func provider(for target: DNSTarget) throws -> any DNSProvider {
        let ownership = OwnershipStore(database: db, target: target.name)
        switch target.kind {
        case .piholeFiles:
            return PiholeFilesProvider(target: target, ownership: ownership)
        case .piholeAPI:
            let password = try secrets.secret(SecretReader.piholePassword, for: target.name)
            return PiholeAPIProvider(target: target, password: password, ownership: ownership, transport: transport)
        case .cloudflare:
            let token = try secrets.secret(SecretReader.cloudflareToken, for: target.name)
            return CloudflareProvider(target: target, token: token, transport: transport, retry: retry)
        }
    }

    /// The plan for `target`, made against what `provider` reads now.
    public func plan(_ target: DNSTarget, provider: any DNSProvider) throws -> DNSPlan {
        let desired = DesiredRecords(lab: try Lab(database: db), external: try ExternalDNSStore(database: db).publishable()).records(for: target)
        let current = try provider.currentRecords()
        return DNSPlanner(capabilities: provider.capabilities).plan(target: target, desired: desired, current: current)
    }
}

/// How often and how long to wait when a remote API is busy (429) or failing (5xx).
public struct RetryPolicy: Sendable {
    /// Attempts in all, the first included.
    public let attempts: Int
    /// The first wait after a 5xx, doubled after each further one.
    public let backoff: Double
    /// The longest wait honoured (a larger retry-after is cut to this).
    public let maximumWait: Double
    /// How to wait (tests may pass a recording clock).
    public let sleep: @Sendable (Double) -> Void

    public init(attempts: Int = 5, backoff: Double = 1, maximumWait: Double = 60,
                sleep: @escaping @Sendable (Double) -> Void = { seconds in usleep(useconds_t(max(0, seconds) * 1_000_000)) }) {
        self.attempts = attempts; self.backoff = backoff; self.maximumWait = maximumWait; self.sleep = sleep
    }
}
