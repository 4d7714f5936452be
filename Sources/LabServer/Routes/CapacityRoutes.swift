import Hummingbird
import LabCapacity
import LabIP
import LabModel

/// `labdb capacity` and `labdb capacity fit` over HTTP, with the limits of the server's
/// environment (`LABDB_VCPU_TARGET`, ...), answered as `--format json` prints them.
struct CapacityRoutes {
    let service: LabService

    /// The VM shape and question of `POST /api/v1/capacity/fit`.
    struct FitBody: Decodable {
        let cpu: Int
        let ram: String
        let disks: [String]?
        let count: Int?
        let range: String?
        let hosts: [String]?
    }

    func register(_ api: APIRouter) {
        let service = self.service
        api.get("/api/v1/capacity") { request, _ in
            let host = request.query("host")
            let limits = try CapacityLimits(environment: service.configuration.environment)
            return try await service.pool.read { connection in
                Responses.json(try CapacityViews(database: connection.database).report(host: host, limits: limits).document().render(.json))
            }
        }
        api.post("/api/v1/capacity/fit", scope: .read) { request, _ in
            let input = try Responses.decode(FitBody.self, from: try await Responses.body(of: request, limit: service.configuration.maxBodyBytes))
            guard let ram = ByteSize(input.ram) else {
                throw Problem.badRequest("field 'ram' is not a size ('\(input.ram)'); write e.g. 12G or 512M", slug: "invalid-capacity-question")
            }
            var disks: [DiskRequest] = []
            for text in input.disks ?? [] { disks.append(try DiskRequest(parsing: text)) }
            let fit = FitRequest(shape: VMShape(cpus: input.cpu, ram: ram, disks: disks), count: input.count ?? 1, range: input.range, hosts: input.hosts ?? [])
            let limits = try CapacityLimits(environment: service.configuration.environment)
            return try await service.pool.read { connection in
                let result = try CapacityViews(database: connection.database).fit(fit, limits: limits)
                return Responses.json(result.document().render(.json))
            }
        }
    }
}
