import HTTPTypes
import Hummingbird
import LabModel

/// One endpoint of the API: what the OpenAPI document must describe and what the
/// router serves. `scope` nil means no token is needed.
struct APIRoute: Sendable, Hashable {
    let method: HTTPRequest.Method
    /// The path in Hummingbird's form (`/api/v1/machines/:name`).
    let path: String
    let scope: TokenScope?

    /// The path in OpenAPI's form (`/api/v1/machines/{name}`).
    var openAPIPath: String {
        path.split(separator: "/", omittingEmptySubsequences: false)
            .map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }.joined(separator: "/")
    }
}

/// Registers routes with the scope each needs, and remembers them for the OpenAPI check.
/// A GET that needs `read` is open to anyone under `--public-read`; every other route
/// needs a token whose scope allows it (401 without one, 403 when too narrow).
final class APIRouter {
    typealias Handler = @Sendable (Request, LabRequestContext) async throws -> Response
    let router: Router<LabRequestContext>
    let publicRead: Bool
    private(set) var routes: [APIRoute] = []

    init(router: Router<LabRequestContext>, publicRead: Bool) {
        self.router = router
        self.publicRead = publicRead
    }

    func get(_ path: String, scope: TokenScope? = .read, _ handler: @escaping Handler) { add(.get, path, scope, handler) }
    func post(_ path: String, scope: TokenScope?, _ handler: @escaping Handler) { add(.post, path, scope, handler) }
    func delete(_ path: String, scope: TokenScope?, _ handler: @escaping Handler) { add(.delete, path, scope, handler) }

    private func add(_ method: HTTPRequest.Method, _ path: String, _ scope: TokenScope?, _ handler: @escaping Handler) {
        routes.append(APIRoute(method: method, path: path, scope: scope))
        let publicRead = self.publicRead
        router.on(RouterPath(path), method: method) { request, context -> Response in
            if let scope {
                try APIRouter.authorize(context.identity, for: scope, method: method, publicRead: publicRead)
            }
            return try await handler(request, context)
        }
    }

    /// Throws 401 or 403 unless `identity` may use a route needing `scope`.
    static func authorize(_ identity: Identity?, for scope: TokenScope, method: HTTPRequest.Method, publicRead: Bool) throws {
        guard let identity else {
            if publicRead, scope == .read, method == .get { return }
            throw Problem.unauthorized("this endpoint needs a token with the \(scope.rawValue) scope: send `Authorization: Bearer TOKEN` (create one with `labdb token create NAME --scope \(scope.rawValue)`)")
        }
        guard identity.scope.allows(scope) else {
            throw Problem.forbidden("the token '\(identity.name)' has the \(identity.scope.rawValue) scope; this needs \(scope.rawValue)")
        }
    }
}
