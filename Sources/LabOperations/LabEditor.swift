import LabModel
import LabStore

/// Changes the lab the way an import does, for shell writes that need the whole lab's
/// rules: loads the lab, lets a statement edit it, checks the result exactly as a lab
/// file is checked (it is written as one and read back, which the export tests
/// guarantee gives the same lab) and applies the difference — all in one transaction,
/// recorded in the history like any import.
struct LabEditor {
    let database: Database

    /// Runs `change` on the current lab and applies what it changed; returns its message.
    /// The problems the lab's rules find become one refusal, and nothing is written.
    func edit(_ change: (inout Lab) throws -> String) throws -> String {
        try database.transaction(.immediate) {
            var lab = try Lab(database: database)
            let message = try change(&lab)
            do {
                let checked = try LabFileParser(file: "the lab").parse(LabYAMLWriter().write(lab))
                try LabImporter(database: database).apply(checked)
            } catch let error as LabFileError {
                throw ExecutionError.refused(error.problems.map { problem in
                    // The field, when the problem is about one (`ttl: 30 is out of range`); never the file's line.
                    let key = problem.path.split(separator: ".").last.map(String.init) ?? ""
                    // Positions in the written-out lab mean nothing in the shell.
                    let message = problem.message.components(separatedBy: "; it is already defined at ").first ?? problem.message
                    return key.isEmpty || key.contains("[") ? message : "\(key): \(message)"
                }.joined(separator: "; "))
            }
            return message
        }
    }
}
