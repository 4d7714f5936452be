import LabQuery
import LabStore

/// Object names read from the database, for the binder's existence checks and suggestions
/// and for Tab completion. Caches each source's list for its lifetime.
public final class DatabaseObjectNames: ObjectNames {
    private let database: Database
    private let compiler: SQLCompiler
    private var cache: [String: [String]] = [:]

    /// Names from `database`, by the name sources of `catalog`.
    public init(database: Database, catalog: Catalog = .lab) {
        self.database = database
        self.compiler = SQLCompiler(catalog: catalog)
    }

    public func contains(_ name: String, in source: String) -> Bool {
        if let cached = cache[source] { return cached.contains { $0.lowercased() == name.lowercased() } }
        guard let sql = compiler.containsSQL(source) else { return false }
        return (try? database.first(sql, [.text(name)])) != nil
    }

    public func names(in source: String) -> [String] {
        if let cached = cache[source] { return cached }
        guard let sql = compiler.namesSQL(source),
              let rows = try? database.query(sql) else { return [] }
        let names = rows.compactMap { $0[0].string }
        cache[source] = names
        return names
    }
}
