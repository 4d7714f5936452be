import ArgumentParser
import Foundation
import LabModel
import LabReplica

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check the database (SQLite integrity, foreign keys) and the lab's rules; exit 1 on errors. Also says whether a Litestream replica is configured and when it last synced.")

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let db = try global.openReadOnly()
        let replica = ReplicaStatus(databasePath: global.databasePath, environment: ProcessInfo.processInfo.environment)
        let findings = try ConsistencyCheck(database: db).run() + replica.findings(lastChange: try? ChangeHistory(database: db).lastChangeTime())
        let errors = findings.filter { $0.severity == .error }.count
        if findings.isEmpty, global.format.value == .table {
            print("ok: no problems found")
        } else {
            print(global.render(ConsistencyCheck.table(findings)), terminator: "")
        }
        if global.format.value == .table { print(replica.summary()) }
        if errors > 0 {
            throw CommandFailure("check found \(errors) error\(errors == 1 ? "" : "s") and \(findings.count - errors) warning\(findings.count - errors == 1 ? "" : "s")")
        }
    }
}
