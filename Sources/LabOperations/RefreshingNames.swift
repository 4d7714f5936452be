import LabQuery

/// Object names for Tab completion, read afresh for each completion so that objects
/// created during the session are offered too.
public final class RefreshingNames: ObjectNames {
    private let executor: QueryExecutor

    /// Names from `executor`'s database.
    public init(executor: QueryExecutor) {
        self.executor = executor
    }

    public func contains(_ name: String, in source: String) -> Bool {
        DatabaseObjectNames(database: executor.database, catalog: executor.catalog).contains(name, in: source)
    }

    public func names(in source: String) -> [String] {
        DatabaseObjectNames(database: executor.database, catalog: executor.catalog).names(in: source)
    }
}
