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
        return await service.respond(as: try await service.identity(token: token), request, context, next)
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
