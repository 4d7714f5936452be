import Hummingbird
import LabModel

/// Who made a request: the token's name and scope (and, for external-dns, its cluster and
/// domains), or nobody.
struct Identity: Sendable, Equatable {
    let name: String
    let scope: TokenScope
    var cluster: String? = nil
    var domains: [String] = []
}

/// The per-request context: Hummingbird's core storage and the caller's identity, set by
/// `AuthenticationMiddleware` when a valid token came with the request.
struct LabRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    var identity: Identity?

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        identity = nil
    }
}
