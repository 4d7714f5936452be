import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

/// Builds and runs `labdb serve`: the router with every route group, the middleware
/// (access log and problem documents outermost, then token authentication), and the
/// HTTP/1.1 server with an idle timeout. SIGTERM and SIGINT drain in-flight requests.
public enum LabServerApplication {
    /// Runs until SIGTERM or SIGINT. `onListening` receives the bound port (useful with port 0);
    /// `onWebhookListening` the external-dns webhook's, when it has a listener.
    public static func run(_ configuration: ServerConfiguration, onListening: @escaping @Sendable (Int) -> Void,
                           onWebhookListening: @escaping @Sendable (Int) -> Void = { _ in }) async throws {
        let service = LabService(configuration: configuration)
        // Open the database once before listening, so that a bad path fails at start.
        _ = try await service.pool.read { try $0.database.scalar("SELECT 1") }
        let api = makeRouter(service)
        var logger = Logger(label: "labdb-serve")
        logger.logLevel = .warning
        let app = Application(
            router: api.router,
            server: .http1(configuration: .init(idleTimeout: .milliseconds(Int64(configuration.idleTimeout * 1000)))),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "labdb"),
            onServerRunning: { channel in onListening(channel.localAddress?.port ?? configuration.port) },
            logger: logger)
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [.init(service: app)]
        if let webhook = configuration.externalDNS {
            let hook = Application(
                router: ExternalDNSWebhook(service: service).makeRouter(),
                server: .http1(configuration: .init(idleTimeout: .milliseconds(Int64(configuration.idleTimeout * 1000)))),
                configuration: .init(address: .hostname(webhook.host, port: webhook.port), serverName: "labdb"),
                onServerRunning: { channel in onWebhookListening(channel.localAddress?.port ?? webhook.port) },
                logger: logger)
            services.append(.init(service: hook))
        }
        // Both listeners drain their requests on SIGTERM/SIGINT, then labdb exits.
        let group = ServiceGroup(configuration: .init(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }

    /// The API's routes, in the order they are matched.
    static func makeRouter(_ service: LabService) -> APIRouter {
        let router = Router(context: LabRequestContext.self)
        router.add(middleware: AccessLogMiddleware(service: service))
        router.add(middleware: AuthenticationMiddleware(service: service))
        let api = APIRouter(router: router, publicRead: service.configuration.publicRead)
        OperationsRoutes(service: service).register(api)
        LabRoutes(service: service).register(api)
        IPAMRoutes(service: service).register(api)
        QueryRoutes(service: service).register(api)
        CapacityRoutes(service: service).register(api)
        ImportRoutes(service: service).register(api)
        WebRoutes(service: service).register(router)
        return api
    }

    /// Every route the server answers (method and OpenAPI path), for checking the OpenAPI document.
    public static func routeTable() -> [(method: String, path: String)] {
        let service = LabService(configuration: ServerConfiguration(databasePath: "/nonexistent"))
        return makeRouter(service).routes.map { ($0.method.rawValue, $0.openAPIPath) }
    }
}
