import ArgumentParser
import Foundation
import LabModel

struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Show the recorded changes: who, when, which command, the object, before → after.",
        discussion: """
            --prune-before WHEN removes the history recorded before WHEN (a date such as 2026-01-31, a UTC time \
            such as 2026-01-31T12:00:00Z, or an age such as 90d or 12w): each change set that began before it, \
            whole, with its changes. Without --yes it only says what it would remove. The inventory is not touched.
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Only changes about this object: a machine, cluster, pool, range, zone or DNS name, an address or a CIDR.")
    var object: String?

    @Option(name: .long, help: "At most this many changes, newest first.")
    var limit = 50

    @Option(name: .customLong("prune-before"), help: "Remove the history recorded before this date, UTC time or age (90d, 12w).")
    var pruneBefore: String?

    @Flag(name: .long, help: "With --prune-before: really remove (else only say what would go).")
    var yes = false

    func validate() throws {
        if pruneBefore != nil && object != nil { throw ValidationError("--prune-before removes all history before a time; it takes no object") }
        if yes && pruneBefore == nil { throw ValidationError("--yes only confirms --prune-before") }
        if let pruneBefore { _ = try HistoryCommand.cutoff(pruneBefore, now: Date()) }
    }

    func run() throws {
        if let pruneBefore { return try prune(pruneBefore) }
        guard limit > 0 else { throw ValidationError("--limit must be at least 1") }
        let db = try global.openReadOnly()
        let table = try ChangeHistory(database: db).table(about: object, limit: limit, detailed: global.format.value != .table)
        if table.rows.isEmpty, let object {
            throw CommandFailure("no recorded change about \(object); check the name, or run `labdb history` to see all changes")
        }
        print(global.render(table), terminator: "")
    }

    private func prune(_ when: String) throws {
        let cutoff = ChangeHistory.storedTime(try HistoryCommand.cutoff(when, now: Date()))
        let history = ChangeHistory(database: yes ? try global.open(create: false) : try global.openReadOnly())
        if yes {
            let removed = try history.prune(before: cutoff)
            print("removed \(removed.changes) change\(removed.changes == 1 ? "" : "s") in \(removed.changeSets) change set\(removed.changeSets == 1 ? "" : "s") recorded before \(cutoff)")
        } else {
            let planned = try history.pruning(before: cutoff)
            print("would remove \(planned.changes) change\(planned.changes == 1 ? "" : "s") in \(planned.changeSets) change set\(planned.changeSets == 1 ? "" : "s") recorded before \(cutoff); run again with --yes to remove them")
        }
    }

    /// The time `text` names: `YYYY-MM-DD` (midnight UTC), `YYYY-MM-DDTHH:MM:SSZ`, or an
    /// age before `now` in days (`90d`) or weeks (`12w`).
    static func cutoff(_ text: String, now: Date) throws -> Date {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let unit = trimmed.last, unit == "d" || unit == "w", let count = Int(trimmed.dropLast()), count >= 0 {
            return now.addingTimeInterval(-Double(count) * (unit == "d" ? 86_400 : 7 * 86_400))
        }
        for format in ["yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", "yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd"] {
            let formatter = DateFormatter.utc(format)
            formatter.isLenient = false
            if let date = formatter.date(from: trimmed) { return date }
        }
        throw ValidationError("'\(text)' is not a time for --prune-before: give a date (2026-01-31), a UTC time (2026-01-31T12:00:00Z) or an age (90d, 12w)")
    }
}
