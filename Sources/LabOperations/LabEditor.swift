import LabModel
import LabStore

/// Changes the lab the way an import does, for shell (and HTTP) writes that need the lab's
/// rules: lets a statement edit the lab, checks the result exactly as a lab file is
/// checked (it is written as one and read back, which the export tests guarantee gives
/// the same lab) and applies the difference — all in one transaction, recorded in the
/// history like any import.
///
/// By default only the edited object's neighbourhood is read, checked and compared (see
/// ``Lab/neighbourhood(ofRecordNamed:zone:in:)``): the lab file's rules, run on the part
/// of the lab they consult about that object, find what they would find in the whole
/// lab, so a single add costs what it touches, not the lab's size. ``Scope/wholeLab``
/// keeps the original path, which reads and checks everything: the reference the
/// neighbourhood is tested against.
struct LabEditor {
    /// How much of the lab an edit reads and checks.
    enum Scope: Sendable {
        /// The edited object and what the rules consult about it.
        case neighbourhood
        /// The whole lab (the reference path).
        case wholeLab
    }

    let database: Database
    var scope: Scope = .neighbourhood

    /// What an edit reads of the lab and which objects the consistency rules then guard.
    struct Area {
        let load: (Database) throws -> Lab
        let guarded: ConsistencyCheck.Scope
    }

    /// Runs `change` on the lab (its `area`, or all of it) and applies what it changed;
    /// returns its message. The problems the lab's rules find become one refusal, and
    /// nothing is written.
    func edit(_ area: Area, _ change: (inout Lab) throws -> String) throws -> String {
        try database.transaction(.immediate) {
            let before = scope == .wholeLab ? try Lab(database: database) : try area.load(database)
            var lab = before
            let message = try change(&lab)
            do {
                let checked = try LabFileParser(file: "the lab").parse(LabYAMLWriter().write(lab))
                let importer = LabImporter(database: database)
                switch scope {
                case .wholeLab: try importer.apply(checked)
                case .neighbourhood: try importer.apply(ImportPlan(from: before, to: checked.normalized()), checking: area.guarded)
                }
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
