import ArgumentParser
import LabModel

struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Show the recorded changes: who, when, which command, the object, before → after.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Only changes about this object: a machine, cluster, pool, range, zone or DNS name, an address or a CIDR.")
    var object: String?

    @Option(name: .long, help: "At most this many changes, newest first.")
    var limit = 50

    func run() throws {
        guard limit > 0 else { throw ValidationError("--limit must be at least 1") }
        let db = try global.openReadOnly()
        let table = try ChangeHistory(database: db).table(about: object, limit: limit, detailed: global.format.value != .table)
        if table.rows.isEmpty, let object {
            throw CommandFailure("no recorded change about \(object); check the name, or run `labdb history` to see all changes")
        }
        print(global.render(table), terminator: "")
    }
}
