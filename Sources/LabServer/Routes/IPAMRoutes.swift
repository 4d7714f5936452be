import Hummingbird
import LabIP
import LabModel

/// Ranges, addresses, next free, allocation and release: the IPAM allocator behind HTTP.
struct IPAMRoutes {
    let service: LabService

    /// `new_service`: create the `to` service in the allocation's transaction.
    struct NewServiceBody: Decodable {
        let cluster: String?
        let description: String?
        var model: NewService { NewService(cluster: cluster, description: description) }
    }

    struct AllocationBody: Decodable {
        let to: String
        let dns: String?
        let count: Int?
        let description: String?
        let newService: NewServiceBody?
    }

    struct AddressBody: Decodable {
        let address: String
        let to: String
        let dns: String?
        let description: String?
        let newService: NewServiceBody?
    }

    func register(_ api: APIRouter) {
        let service = self.service
        api.get("/api/v1/ranges") { _, _ in
            try await service.pool.read { Responses.json(try LabViews(database: $0.database).ranges()) }
        }
        api.get("/api/v1/ranges/:name") { _, context in
            let name = try context.parameters.require("name")
            return try await service.pool.read { connection in
                let views = IPAMViews(database: connection.database)
                let bounds = try views.listBounds(name)
                let all = try views.utilisation()
                guard let nameColumn = all.columns.firstIndex(of: "name") else { throw Problem.notFound("no range named '\(name)'") }
                var row = all
                row.rows = all.rows.filter { if case .text(let text) = $0[nameColumn] { return text.lowercased() == name.lowercased() } else { return false } }
                let addresses = try views.addresses(in: bounds)
                let body = "{\"range\":" + OutputFormat.json.render(row).dropLast() + ",\"addresses\":" + OutputFormat.json.render(addresses).dropLast() + "}\n"
                return Responses.json(String(body))
            }
        }
        api.get("/api/v1/ranges/:name/next") { request, context in
            let name = try context.parameters.require("name")
            let count = try request.integer("count", in: 1...IPAllocator.maximumCount, default: 1)
            return try await service.pool.read { connection in
                let free = try IPAllocator(database: connection.database).next(inRange: name, count: count)
                return Responses.json(ResultTable(columns: ["address"], rows: free.map { [.text($0.description)] }))
            }
        }
        api.post("/api/v1/ranges/:name/allocations", scope: .write) { request, context in
            let name = try context.parameters.require("name")
            let body = try await Responses.body(of: request, limit: service.configuration.maxBodyBytes)
            let input = try Responses.decode(AllocationBody.self, from: body)
            return try await Idempotency.answer(request, context: context, body: body, service: service, summary: "POST /api/v1/ranges/\(name)/allocations") { connection in
                let items = try IPAllocator(database: connection.database).allocate(AllocationRequest(
                    .range(name), to: input.to, dns: input.dns, count: input.count ?? 1, description: input.description, newService: input.newService?.model))
                return (.created, Array(OutputFormat.json.render(IPAllocator.Allocated.table(items)).utf8))
            }
        }
        api.get("/api/v1/addresses") { request, _ in
            let filter = request.query("range") ?? request.query("cidr")
            return try await service.pool.read { connection in
                let views = IPAMViews(database: connection.database)
                return Responses.json(try views.addresses(in: try filter.map(views.listBounds)))
            }
        }
        api.post("/api/v1/addresses", scope: .write) { request, context in
            let body = try await Responses.body(of: request, limit: service.configuration.maxBodyBytes)
            let input = try Responses.decode(AddressBody.self, from: body)
            guard let address = IPAddress(input.address) else {
                throw Problem.badRequest("'\(input.address)' is not an IP address (e.g. 192.168.1.20 or 2001:db8::1)")
            }
            return try await Idempotency.answer(request, context: context, body: body, service: service, summary: "POST /api/v1/addresses") { connection in
                let items = try IPAllocator(database: connection.database).allocate(AllocationRequest(
                    .address(address), to: input.to, dns: input.dns, description: input.description, newService: input.newService?.model))
                return (.created, Array(OutputFormat.json.render(IPAllocator.Allocated.table(items)).utf8))
            }
        }
        api.get("/api/v1/addresses/:ip") { _, context in
            let address = try IPAMRoutes.address(try context.parameters.require("ip"))
            return try await service.pool.read { Responses.json(try IPAMViews(database: $0.database).show(address)) }
        }
        api.delete("/api/v1/addresses/:ip", scope: .write) { _, context in
            let address = try IPAMRoutes.address(try context.parameters.require("ip"))
            return try await service.write(as: context.identity, "DELETE /api/v1/addresses/\(address)") { connection in
                let released = try IPAllocator(database: connection.database).release(address)
                return Responses.json(IPAllocator.Allocated.table([released]))
            }
        }
    }

    static func address(_ text: String) throws -> IPAddress {
        guard let address = IPAddress(text.removingPercentEncoding ?? text) else {
            throw Problem.badRequest("'\(text)' is not an IP address (e.g. 192.168.1.20 or 2001:db8::1)")
        }
        return address
    }
}
