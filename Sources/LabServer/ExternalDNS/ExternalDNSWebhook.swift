import Foundation
import HTTPTypes
import Hummingbird
import LabModel

/// The external-dns webhook provider (protocol version 1) on its own listener: a cluster's
/// external-dns reads and writes the DNS records it owns in labdb. Authentication: its
/// token as `Authorization: Bearer` or as the password of HTTP Basic (external-dns cannot
/// add headers, but sends the userinfo of `--webhook-provider-url` as Basic credentials).
struct ExternalDNSWebhook {
    /// The media type external-dns negotiates, byte for byte.
    static let mediaType = "application/external.dns.webhook+json;version=1"
    /// external-dns sends bodies of up to 32 MiB.
    static let maximumBody = 32 << 20

    let service: LabService

    func makeRouter() -> Router<LabRequestContext> {
        let router = Router(context: LabRequestContext.self)
        router.add(middleware: AccessLogMiddleware(service: service))
        router.add(middleware: ExternalDNSAuthMiddleware(service: service))
        let service = self.service
        router.get("/") { _, context in
            let identity = try ExternalDNSWebhook.identity(context)
            let zones = try await service.pool.read { connection in
                try connection.database.query("SELECT name FROM zones ORDER BY name").compactMap { $0.string("name")?.lowercased() }
            }
            let include = identity.domains.isEmpty ? zones : identity.domains
            return ExternalDNSWebhook.json(JSONValue.object(["include": .array(include.map(JSONValue.string))]).text)
        }
        router.get("/records") { _, context in
            let owner = ExternalRecord.owner(cluster: try ExternalDNSWebhook.identity(context).cluster ?? "")
            let records = try await service.pool.read { try ExternalDNSStore(database: $0.database).records(owner: owner) }
            return try ExternalDNSWebhook.json(ExternalDNSWebhook.endpoints(records))
        }
        router.post("/adjustendpoints") { request, context in
            _ = try ExternalDNSWebhook.identity(context)
            let body = try await Responses.body(of: request, limit: ExternalDNSWebhook.maximumBody)
            let endpoints = try ExternalDNSWebhook.decode([Endpoint].self, body)
            return try ExternalDNSWebhook.json(ExternalDNSWebhook.adjusted(endpoints))
        }
        router.post("/records") { request, context in
            let identity = try ExternalDNSWebhook.identity(context)
            let cluster = identity.cluster ?? ""
            let body = try await Responses.body(of: request, limit: ExternalDNSWebhook.maximumBody)
            let changes = try ExternalDNSWebhook.decode(Changes.self, body)
            guard changes.updateOld.count == changes.updateNew.count else {
                throw Problem.badRequest("updateOld and updateNew must pair entry by entry (\(changes.updateOld.count) and \(changes.updateNew.count) given)")
            }
            let owner = ExternalRecord.owner(cluster: cluster)
            var outside: [String] = []
            func records(_ endpoints: [Endpoint]) -> [ExternalRecord] {
                ExternalDNSWebhook.records(endpoints, owner: owner).filter { record in
                    let allowed = identity.domains.isEmpty || identity.domains.contains { record.fqdn == $0 || record.fqdn.hasSuffix("." + $0) }
                    if !allowed { outside.append("\(record.type) \(record.fqdn) is outside the token's domains; left out") }
                    return allowed
                }
            }
            let creates = records(changes.create + changes.updateNew), deletes = records(changes.delete + changes.updateOld)
            let outcome = try await service.write(as: Identity(name: identity.name, scope: identity.scope), "external-dns \(cluster): POST /records") {
                try ExternalDNSStore(database: $0.database).apply(owner: owner, creates: creates, deletes: deletes)
            }
            let clashes = outside + outcome.clashes
            if !clashes.isEmpty {
                service.metrics.recordClashes(cluster: cluster, count: clashes.count)
                for clash in clashes { FileHandle.standardError.write(Data("labdb serve: warning: \(owner): \(clash)\n".utf8)) }
            }
            return Response(status: .noContent)
        }
        return router
    }

    static func identity(_ context: LabRequestContext) throws -> Identity {
        guard let identity = context.identity else {
            throw Problem.unauthorized("the webhook needs an external-dns token: http://CLUSTER:TOKEN@host:port as --webhook-provider-url, or Authorization: Bearer TOKEN")
        }
        guard identity.scope == .externalDNS, identity.cluster != nil else {
            throw Problem.forbidden("the token '\(identity.name)' has the \(identity.scope.rawValue) scope; the webhook takes external-dns tokens (labdb token create NAME --scope external-dns --cluster CLUSTER)")
        }
        return identity
    }

    /// Endpoints of labdb's records: one per name and type, the values as targets.
    static func endpoints(_ records: [ExternalRecord]) -> [Endpoint] {
        var grouped: [String: Endpoint] = [:]
        var order: [String] = []
        for record in records {
            let key = record.fqdn + " " + record.type
            if grouped[key] == nil {
                grouped[key] = Endpoint(dnsName: record.fqdn, targets: [], recordType: record.type, recordTTL: record.ttl ?? 0, labels: [:])
                order.append(key)
            }
            grouped[key]?.targets?.append(record.value)
        }
        return order.map { grouped[$0]! }
    }

    /// The records an endpoint list describes, one per target; types labdb does not keep are left out.
    static func records(_ endpoints: [Endpoint], owner: String) -> [ExternalRecord] {
        endpoints.flatMap { endpoint -> [ExternalRecord] in
            guard let name = endpoint.normalizedName, let type = endpoint.normalizedType, ExternalRecord.types.contains(type) else { return [] }
            let ttl = endpoint.recordTTL.flatMap { $0 > 0 ? min($0, 86_400) : nil }
            return (endpoint.targets ?? []).map { ExternalRecord(fqdn: name, type: type, value: Endpoint.normalize($0, type: type), ttl: ttl, owner: owner) }
        }
    }

    /// `adjustendpoints`: names in lower case without a trailing dot, and only the record
    /// types labdb holds, so that external-dns does not plan the same change forever.
    static func adjusted(_ endpoints: [Endpoint]) -> [Endpoint] {
        endpoints.compactMap { endpoint in
            guard let name = endpoint.normalizedName, let type = endpoint.normalizedType, ExternalRecord.types.contains(type) else { return nil }
            var adjusted = endpoint
            adjusted.dnsName = name
            adjusted.recordType = type
            adjusted.targets = endpoint.targets?.map { Endpoint.normalize($0, type: type) }
            return adjusted
        }
    }

    static func decode<T: Decodable>(_ type: T.Type, _ body: [UInt8]) throws -> T {
        do {
            return try JSONDecoder().decode(T.self, from: Data(body))
        } catch {
            throw Problem.badRequest("the body is not the external-dns webhook JSON this endpoint takes", slug: "invalid-json")
        }
    }

    static func json(_ value: some Encodable) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return json(String(decoding: try encoder.encode(value), as: UTF8.self))
    }

    static func json(_ text: String) -> Response {
        Responses.bytes(Array(text.utf8), contentType: mediaType)
    }
}
