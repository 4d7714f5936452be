import LabIP
import LabStore

extension ConsistencyCheck {
    /// Which objects a write can give an integrity error: all of them for an import, the
    /// touched ones and their neighbours for a single edit (the same rules, asked about
    /// fewer rows, so that guarding a one-row write does not read the whole lab).
    public enum Scope: Sendable, Hashable {
        /// Every object (imports, allocations).
        case everything
        /// The A and AAAA records called `name` in `zone`.
        case records(zone: String, name: String)
        /// The A and AAAA records whose value is `address` (a release of it).
        case recordsPointingAt(IPAddress)
        /// The addresses in `span` and the ranges that meet it (a range or prefix added there).
        case addresses(IPRange)
        /// None: the write can break no integrity rule (a pool added, a record deleted).
        case nothing
    }

    /// The errors of the integrity rules about the objects in `scope`.
    public func ruleErrors(in scope: Scope) throws -> [Finding] {
        switch scope {
        case .everything:
            return try ruleErrors()
        case .records(let zone, let name):
            return try recordFindings(named: (zone, name)).filter(\.isIntegrityError)
        case .recordsPointingAt(let address):
            return try recordFindings(pointingAt: address).filter(\.isIntegrityError)
        case .addresses(let span):
            return try (addressFindings(within: span) + rangeFindings(meeting: span)).filter(\.isIntegrityError)
        case .nothing:
            return []
        }
    }
}

extension Finding {
    var isIntegrityError: Bool { severity == .error && ConsistencyCheck.integrityRules.contains(rule) }
}

extension IPRange {
    /// (family, first, last) as bound values.
    var sqlBounds: [SQLValue] { [.integer(Int64(first.family.rawValue)), .blob(first.bytes), .blob(last.bytes)] }

    /// The SQL condition that the stored range `alias` (its family, first, last) meets this
    /// span, and its bound values.
    func meetingCondition(on alias: String) -> (sql: String, values: [SQLValue]) {
        ("\(alias).family = ? AND \(alias).first <= ? AND \(alias).last >= ?", [sqlBounds[0], sqlBounds[2], sqlBounds[1]])
    }
}
