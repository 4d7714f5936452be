import LabCapacity
import LabModel

/// What running one statement produced.
public enum ExecutionResult: Sendable, Equatable {
    /// Rows, for reads.
    case table(ResultTable)
    /// One line, for writes (e.g. "deleted vm old-test").
    case message(String)
    /// Headed sections, for `capacity` statements (rendered like `labdb capacity`).
    case document(CapacityDocument)
}
