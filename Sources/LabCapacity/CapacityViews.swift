import LabModel
import LabStore

/// Capacity answers read from a database: what the CLI and the query language show.
public struct CapacityViews {
    let db: Database

    /// Views over `database`.
    public init(database: Database) { self.db = database }

    /// The capacity report (narrowed to `host` when given).
    public func report(host: String? = nil, limits: CapacityLimits = CapacityLimits()) throws -> CapacityReport {
        try limits.validate()
        let report = CapacityReport(lab: try Lab(database: db, scope: .capacity), limits: limits)
        guard let host else { return report }
        return try report.narrowed(toHost: host)
    }

    /// The answer to a fit request.
    public func fit(_ request: FitRequest, limits: CapacityLimits = CapacityLimits()) throws -> FitResult {
        try FitPlanner(lab: try Lab(database: db, scope: .capacity), limits: limits).plan(request)
    }

    /// The capacity tables by name, for the query language: `hosts`, `pools`, `clusters`, `ranges`,
    /// `findings` and `limits`, computed under the default limits.
    public func tables(limits: CapacityLimits = CapacityLimits()) throws -> [String: ResultTable] {
        var tables: [String: ResultTable] = [:]
        for section in try report(limits: limits).document().sections { tables[section.name] = section.table }
        return tables
    }
}
