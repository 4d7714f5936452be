import LabIP
import ArgumentParser
import Foundation
import LabExport
import LabModel
import LabStore

/// `labdb inventory --list | --host NAME`: the Ansible inventory-script contract.
struct InventoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inventory",
        abstract: "Ansible dynamic inventory (JSON): --list for every group and host, --host NAME for one host's variables.",
        discussion: """
            Point Ansible at scripts/ansible-inventory, which runs this. The database is opened read-only and must exist.
            Ansible passes no flags to an inventory script: set LABDB_INVENTORY_FACTS=minimal in its environment to leave out \
            the labdb_ facts (Ansible parses a large inventory several times faster without them).
            """)

    @OptionGroup var global: GlobalOptions

    @Flag(name: .long, help: "Every group, with _meta.hostvars.")
    var list = false

    @Option(name: .long, help: "One machine's variables (also for a disabled machine).")
    var host: String?

    @Flag(name: .long, help: "Indent the JSON.")
    var pretty = false

    @Option(name: .long, help: "Host variables: full (ansible_host, labdb_ facts, attributes) or minimal (ansible_host, attributes). Default: $LABDB_INVENTORY_FACTS, else full.")
    var facts: InventoryFacts?

    func validate() throws {
        guard list != (host != nil) else { throw ValidationError("give exactly one of --list or --host NAME") }
        _ = try chosenFacts()
    }

    /// `--facts`, else `$LABDB_INVENTORY_FACTS`, else full.
    func chosenFacts() throws -> InventoryFacts {
        if let facts { return facts }
        guard let text = ProcessInfo.processInfo.environment["LABDB_INVENTORY_FACTS"], !text.isEmpty else { return .full }
        guard let facts = InventoryFacts(rawValue: text.lowercased()) else {
            throw ValidationError("LABDB_INVENTORY_FACTS='\(text)' is not one of: \(InventoryFacts.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return facts
    }

    func run() throws {
        let db: Database
        do {
            db = try global.openReadOnly()
            let facts = try chosenFacts()
            // The common case, compact JSON, is written straight from the database.
            if !pretty, let host {
                guard let bytes = try InventoryWriter.host(db, named: host, facts: facts) else { throw try noMachine(host, db) }
                try InventoryCommand.writeToStandardOutput(bytes)
                return
            }
            if !pretty {
                if let code = try InventoryWriter.list(db, facts: facts, toFileDescriptor: 1) {
                    throw CommandFailure("cannot write the inventory to standard output (errno \(code))")
                }
                // The process ends here: skip closing the connection (and freeing its page cache).
                withExtendedLifetime(db) { Foundation.exit(0) }
            }
            let inventory = AnsibleInventory(lab: try Lab(database: db), facts: facts)
            let writer = JSONWriter(pretty: true)
            if let host {
                guard let document = inventory.host(host) else { throw try noMachine(host, db) }
                print(writer.write(document), terminator: "")
            } else {
                try InventoryCommand.writeToStandardOutput(writer.bytes(inventory.list()))
            }
        } catch let error as StoreError {
            throw unreadable(error.description)
        } catch let error as InventoryDataError {
            throw unreadable(error.description)
        }
    }

    /// "no machine named NAME", with the closest name when there is one.
    func noMachine(_ name: String, _ db: Database) throws -> CommandFailure {
        var names: [String] = []
        try db.forEachRow(reading: "SELECT name FROM machines ORDER BY name") { names.append($0.string(0)!) }
        let hint = Suggestion.closest(to: name, in: names).map { "; did you mean '\($0)'?" } ?? ""
        return CommandFailure("no machine named '\(name)' in \(global.databasePath)\(hint)")
    }

    /// One line that names the database, so that Ansible's log says which file failed.
    func unreadable(_ problem: String) -> CommandFailure {
        let path = global.databasePath
        return CommandFailure(problem.contains(path) ? "cannot read the inventory: \(problem)" : "cannot read the inventory from \(path): \(problem)")
    }

    /// Writes all of `bytes` to standard output.
    static func writeToStandardOutput(_ bytes: [UInt8]) throws {
        if let code = bytes.withUnsafeBufferPointer({ FileDescriptorWriter.writeAll($0, to: 1) }) {
            throw CommandFailure("cannot write the inventory to standard output (errno \(code))")
        }
    }
}

extension InventoryFacts: ExpressibleByArgument {}
