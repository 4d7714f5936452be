import Foundation
import HTTPTypes
import Hummingbird
import LabModel

/// Reads `Authorization: Bearer TOKEN` and sets the caller's identity. A token that is
/// presented but unknown, revoked or expired is refused here (401) whatever the route;
/// what each route needs is checked by `APIRouter`.
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = LabRequestContext
    let service: LabService

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        // Pages send the token a reader gave once as a cookie; only reads accept it.
        let cookieToken = request.method == .get ? AuthenticationMiddleware.cookie(WebRoutes.cookie, in: request.headers[.cookie]) : nil
        guard let header = request.headers[.authorization] ?? cookieToken.map({ "Bearer " + $0 }) else { return try await next(request, context) }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw Problem.unauthorized("the Authorization header must be `Bearer TOKEN`")
        }
        return await service.respond(as: try await service.identity(token: String(parts[1]).trimmingCharacters(in: .whitespaces)), request, context, next)
    }
}

extension AuthenticationMiddleware {
    /// The value of cookie `name` in a `Cookie` header.
    static func cookie(_ name: String, in header: String?) -> String? {
        guard let header else { return nil }
        for pair in header.split(separator: ";") {
            let parts = pair.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
            if parts.count == 2, parts[0] == name { return String(parts[1]) }
        }
        return nil
    }
}

extension Problem {
    static func unauthorized(_ detail: String) -> Problem {
        Problem(status: .unauthorized, slug: "unauthorized", title: "Authentication required", detail: detail,
                headers: [(.wwwAuthenticate, "Bearer realm=\"labdb\"")])
    }

    static func forbidden(_ detail: String) -> Problem {
        Problem(status: .forbidden, slug: "forbidden", title: "The token's scope does not allow this", detail: detail)
    }
}
