import LabModel
import LabOperations
import LabStore

/// One database connection of the server with its statement executor. A connection is
/// used by one thread at a time: it is checked out of a `ConnectionPool` (or held under
/// the writer lock) for the length of one piece of work, which is why it may be sent.
final class Connection: @unchecked Sendable {
    let database: Database
    let executor: QueryExecutor

    init(path: String, readOnly: Bool, configuration: ServerConfiguration) throws {
        database = readOnly ? try LabDatabase.openFile(readingOnly: path) : try LabDatabase.open(path: path, create: false)
        let executor = try QueryExecutor(database: database, capacityEnvironment: configuration.environment)
        executor.timeLimit = configuration.queryTimeLimit
        self.executor = executor
    }
}
