import LabStore

/// The rules every write path enforces: `labdb check`'s, in one place.
///
/// An import, a shell statement or a release that would give `labdb check` an integrity
/// error it does not report now is refused with check's own words, and rolled back.
/// Errors already there do not block unrelated writes, and a write that eases one (a
/// problem keeps its rule and object while its numbers change) is not refused for it.
///
/// The capacity rules (CPU, RAM and thick-pool overcommit) are not refusals: the
/// database records what runs, and an overcommitted host is a fact to report
/// (`labdb capacity`, whose levels are configurable past check's), not malformed data.
extension ConsistencyCheck {
    /// The rules that describe malformed data, each a refusal on every write path.
    public static let integrityRules: Set<String> = [
        "address-outside-prefix", "address-outside-range", "range-outside-prefix", "range-overlap",
        "range-contains-reserved", "reserved-address-allocated", "record-value", "record-unallocated", "disk-foreign-pool",
    ]

    /// The errors of the integrity rules (not SQLite's own checks, which no write through
    /// labdb can break and which read the whole file).
    public func ruleErrors() throws -> [Finding] {
        var findings = try addressFindings()
        findings += try rangeFindings()
        findings += try recordFindings()
        findings += try foreignPoolFindings()
        return findings.filter { $0.severity == .error && ConsistencyCheck.integrityRules.contains($0.rule) }
    }

    /// Runs `write` (inside the caller's transaction, so that a refusal rolls it back) and
    /// throws ``ConsistencyViolation`` when the database then has an error, by rule and
    /// object, that it did not have before.
    /// Only the objects in `scope` are checked: a write that touches no others cannot
    /// give the others a new error.
    public static func guarding<T>(_ database: Database, scope: Scope = .everything, _ write: () throws -> T) throws -> T {
        let check = ConsistencyCheck(database: database)
        let before = Set(try check.ruleErrors(in: scope).map { [$0.rule, $0.object] })
        let result = try write()
        let introduced = try check.ruleErrors(in: scope).filter { !before.contains([$0.rule, $0.object]) }
        guard introduced.isEmpty else { throw ConsistencyViolation(findings: introduced) }
        return result
    }
}
