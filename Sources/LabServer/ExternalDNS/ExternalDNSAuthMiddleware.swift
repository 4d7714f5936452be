import Foundation
import HTTPTypes
import Hummingbird
import LabModel

/// The webhook's authentication: `Authorization: Bearer TOKEN`, or HTTP Basic with the token
/// as the password (the user name is ignored; by convention the cluster's name). Every
/// request needs one.
struct ExternalDNSAuthMiddleware: RouterMiddleware {
    typealias Context = LabRequestContext
    let service: LabService

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let token = ExternalDNSAuthMiddleware.token(request.headers[.authorization]) else {
            throw Problem.unauthorized("the webhook needs an external-dns token: http://CLUSTER:TOKEN@host:port as --webhook-provider-url, or Authorization: Bearer TOKEN")
        }
        var context = context
        switch try await service.verify(token: token) {
        case .valid(let name, let scope, let cluster, let domains):
            context.identity = Identity(name: name, scope: scope, cluster: cluster, domains: domains)
        case .expired(let name):
            throw Problem.unauthorized("the token '\(name)' has expired; create a new one with `labdb token create`")
        case .unknown:
            throw Problem.unauthorized("the token is not valid (never issued, or revoked)")
        }
        var response: Response
        do {
            response = try await next(request, context)
        } catch {
            response = Problem.response(for: error, request: request, databasePath: service.configuration.databasePath)
        }
        response.headers[.labdbToken] = context.identity?.name
        return response
    }

    /// The token of a Bearer header, or the password of a Basic one.
    static func token(_ header: String?) -> String? {
        guard let header else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2 else { return nil }
        switch parts[0].lowercased() {
        case "bearer":
            return String(parts[1]).trimmingCharacters(in: .whitespaces)
        case "basic":
            guard let data = Data(base64Encoded: String(parts[1]).trimmingCharacters(in: .whitespaces)),
                  let text = String(data: data, encoding: .utf8), let colon = text.firstIndex(of: ":") else { return nil }
            let password = String(text[text.index(after: colon)...])
            return password.removingPercentEncoding ?? password
        default:
            return nil
        }
    }
}
