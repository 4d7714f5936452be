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
        discussion: "Point Ansible at scripts/ansible-inventory, which runs this. The database is opened read-only and must exist.")

    @OptionGroup var global: GlobalOptions

    @Flag(name: .long, help: "Every group, with _meta.hostvars.")
    var list = false

    @Option(name: .long, help: "One machine's variables (also for a disabled machine).")
    var host: String?

    @Flag(name: .long, help: "Indent the JSON.")
    var pretty = false

    func validate() throws {
        guard list != (host != nil) else { throw ValidationError("give exactly one of --list or --host NAME") }
    }

    func run() throws {
        let db: Database
        let lab: Lab
        do {
            db = try global.openReadOnly()
            lab = try InventoryLabLoader.load(db)
        } catch let error as StoreError {
            throw unreadable(error.description)
        } catch let error as InventoryDataError {
            throw unreadable(error.description)
        }
        let inventory = AnsibleInventory(lab: lab)
        let writer = JSONWriter(pretty: pretty)
        if let host {
            guard let document = inventory.host(host) else {
                let hint = Suggestion.closest(to: host, in: inventory.machineNames).map { "; did you mean '\($0)'?" } ?? ""
                throw CommandFailure("no machine named '\(host)' in \(global.databasePath)\(hint)")
            }
            print(writer.write(document), terminator: "")
        } else {
            // The process ends here: skip freeing the ~10^5 objects of a large inventory
            // (a tenth of the run time at 10,000 hosts). Swift frees a value after its last
            // use, not at the end of the scope, so keep the lab and the inventory alive
            // until the exit, or they are torn down before it (and the connection with
            // its page cache, as closing a read-only connection has nothing to save).
            try withExtendedLifetime((db, lab, inventory)) {
                try InventoryCommand.writeToStandardOutput(pretty ? writer.bytes(inventory.list()) : inventory.listBytes())
                Foundation.exit(0)
            }
        }
    }

    /// One line that names the database, so that Ansible's log says which file failed.
    func unreadable(_ problem: String) -> CommandFailure {
        let path = global.databasePath
        return CommandFailure(problem.contains(path) ? "cannot read the inventory: \(problem)" : "cannot read the inventory from \(path): \(problem)")
    }

    /// Writes all of `bytes` to file descriptor 1, retrying short writes and EINTR.
    static func writeToStandardOutput(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(1, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw CommandFailure("cannot write the inventory to standard output (errno \(errno))")
                }
                offset += written
            }
        }
    }
}
