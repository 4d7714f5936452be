import Hummingbird
import LabExport

/// Probes, metrics and the API's own description.
struct OperationsRoutes {
    let service: LabService

    func register(_ api: APIRouter) {
        let service = self.service
        api.get("/healthz", scope: nil) { _, _ in
            Responses.json("{\"status\":\"ok\"}\n")
        }
        api.get("/readyz", scope: nil) { _, _ in
            do {
                _ = try await service.pool.read { try $0.database.scalar("SELECT count(*) FROM schema_migrations")?.int }
                return Responses.json("{\"status\":\"ready\"}\n")
            } catch {
                throw Problem(status: .serviceUnavailable, slug: "not-ready", title: "The database cannot be read",
                              detail: "the server cannot read its database; see its log")
            }
        }
        api.get("/metrics") { _, _ in
            let requests = service.metrics.snapshot()
            let clashes = service.metrics.clashCounts()
            let text = try await service.pool.read { connection in
                var writer = try LabMetrics(database: connection.database, databasePath: service.configuration.databasePath).exposition()
                writer += RequestMetrics.exposition(requests, clashes: clashes)
                return writer
            }
            return Responses.bytes(Array(text.utf8), contentType: "text/plain; version=0.0.4; charset=utf-8")
        }
        api.get("/api/v1/openapi.json", scope: nil) { _, _ in
            Responses.json(OpenAPIDocument.text)
        }
    }
}
