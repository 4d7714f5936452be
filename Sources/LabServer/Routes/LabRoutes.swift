import Hummingbird
import LabExport
import LabModel
import LabOperations

/// Machines, clusters, pools, prefixes, zones, records, history, the lab file and the
/// Ansible inventory: the same listings the command line prints, as JSON.
struct LabRoutes {
    let service: LabService

    func register(_ api: APIRouter) {
        let service = self.service
        api.get("/api/v1/machines") { request, _ in
            let filters = MachineFilters(request)
            return try await service.pool.read { connection in
                let views = LabViews(database: connection.database)
                return Responses.json(filters.apply(hosts: try views.hosts(), guests: try views.vms()))
            }
        }
        api.get("/api/v1/machines/:name") { _, context in
            let name = try context.parameters.require("name")
            return try await service.pool.read { connection in
                guard let detail = try MachineDetail(database: connection.database, name: name) else {
                    let suggestion = try MachineDetail.suggestion(for: name, in: connection.database)
                    throw Problem.notFound("no machine named '\(name)'" + (suggestion.map { "; did you mean '\($0)'?" } ?? ""), suggestion: suggestion)
                }
                return Responses.bytes(detail.jsonBytes, contentType: "application/json")
            }
        }
        for entity in ["clusters", "pools", "prefixes", "zones", "records"] {
            api.get("/api/v1/\(entity)") { _, _ in
                try await service.pool.read { connection in
                    guard case .table(let table) = try connection.executor.run(entity) else { return Responses.json("[]\n") }
                    return Responses.json(table)
                }
            }
        }
        api.get("/api/v1/history") { request, _ in
            let limit = try request.integer("limit", in: 1...10_000, default: 50)
            let object = request.query("object")
            return try await service.pool.read { connection in
                Responses.json(try ChangeHistory(database: connection.database).table(about: object, limit: limit))
            }
        }
        api.get("/api/v1/export") { _, _ in
            try await service.pool.read { connection in
                let text = LabYAMLWriter().write(try Lab(database: connection.database), revision: try ChangeHistory(database: connection.database).revision())
                return Responses.bytes(Array(text.utf8), contentType: "application/yaml")
            }
        }
        api.get("/api/v1/inventory") { request, _ in
            let facts: InventoryFacts = request.query("facts") == "minimal" ? .minimal : .full
            return try await service.pool.read { connection in
                Responses.bytes(try InventoryWriter.list(connection.database, facts: facts), contentType: "application/json")
            }
        }
        api.get("/api/v1/inventory/hosts/:name") { request, context in
            let name = try context.parameters.require("name")
            let facts: InventoryFacts = request.query("facts") == "minimal" ? .minimal : .full
            return try await service.pool.read { connection in
                guard let bytes = try InventoryWriter.host(connection.database, named: name, facts: facts) else {
                    let suggestion = try MachineDetail.suggestion(for: name, in: connection.database)
                    throw Problem.notFound("no machine named '\(name)'" + (suggestion.map { "; did you mean '\($0)'?" } ?? ""), suggestion: suggestion)
                }
                return Responses.bytes(bytes, contentType: "application/json")
            }
        }
    }
}

/// The filters of `GET /api/v1/machines`: `kind` (host, guest, or a kind such as vm, lxc,
/// server, pi), `cluster`, `host` and `tag`, combined with AND.
struct MachineFilters: Sendable {
    let kind: String?
    let cluster: String?
    let host: String?
    let tag: String?

    init(_ request: Request) {
        kind = request.query("kind")?.lowercased()
        cluster = request.query("cluster")?.lowercased()
        host = request.query("host")?.lowercased()
        tag = request.query("tag")?.lowercased()
    }

    /// Hosts and guests in one table (`kind`, `host`, `model`, `guests`, `disk`, `cluster`,
    /// `role` are null where they do not apply), filtered.
    func apply(hosts: ResultTable, guests: ResultTable) -> ResultTable {
        let columns = ["name", "kind", "host", "model", "cpus", "ram", "disk", "address", "guests", "cluster", "role", "tags"]
        var table = ResultTable(columns: columns)
        for (source, isGuest) in [(hosts, false), (guests, true)] {
            let index = Dictionary(uniqueKeysWithValues: source.columns.enumerated().map { ($1 == "type" ? "kind" : $1, $0) })
            for row in source.rows {
                let cells = columns.map { column in index[column].map { row[$0] } ?? .null }
                if matches(cells, columns: columns, isGuest: isGuest) { table.rows.append(cells) }
            }
        }
        table.rows.sort { MachineFilters.text($0[0]).lowercased() < MachineFilters.text($1[0]).lowercased() }
        return table
    }

    private func matches(_ cells: [Cell], columns: [String], isGuest: Bool) -> Bool {
        func value(_ column: String) -> String { MachineFilters.text(cells[columns.firstIndex(of: column)!]).lowercased() }
        if let kind {
            switch kind {
            case "host": if isGuest { return false }
            case "guest": if !isGuest { return false }
            default: if value("kind") != kind { return false }
            }
        }
        if let cluster, !value("cluster").split(separator: ",").contains(Substring(cluster)) { return false }
        if let host, value("host") != host { return false }
        if let tag, case .list(let tags) = cells[columns.firstIndex(of: "tags")!], !tags.contains(where: { $0.lowercased() == tag }) { return false }
        return true
    }

    static func text(_ cell: Cell) -> String {
        if case .text(let text) = cell { return text }
        return ""
    }
}
