import Foundation
import LabCapacity
import LabIP
import LabModel
import LabStore

/// Builds labs for the capacity tests and stores them in real SQLite files in unique temporary folders.
enum CapacityTestLab {
    static let gib: Int64 = 1 << 30

    /// The package root, found from this file's path.
    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// A fresh database file in its own temporary folder.
    static func temporaryDatabasePath() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("labdb-capacity-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder.appendingPathComponent("lab.db").path
    }

    /// The seed lab as parsed from seed/homelab.yaml.
    static func seed() throws -> Lab {
        try LabFileParser.load(path: repositoryRoot.appendingPathComponent("seed/homelab.yaml").path)
    }

    /// Imports `lab` into a new database and reads it back, as the CLI does.
    static func stored(_ lab: Lab) throws -> Lab {
        let db = try LabDatabase.open(path: try temporaryDatabasePath())
        try LabImporter(database: db).apply(lab)
        return try Lab(database: db)
    }

    /// A database holding `lab`.
    static func database(with lab: Lab) throws -> Database {
        let db = try LabDatabase.open(path: try temporaryDatabasePath())
        try LabImporter(database: db).apply(lab)
        return db
    }

    /// A lab under construction: hosts with pools, guests with disks.
    struct Builder {
        var lab = Lab()

        mutating func host(_ name: String, cores: Int?, ramGiB: Int64?, reserveGiB: Int64? = nil, enabled: Bool = true,
                           pools: [(name: String, sizeGiB: Int64, thin: Bool)] = []) {
            lab.machines.append(Machine(name: name, kind: .server, cpus: cores, ram: ramGiB.map { ByteSize(bytes: $0 * gib) },
                                        ramReserve: reserveGiB.map { ByteSize(bytes: $0 * gib) }, enabled: enabled))
            for pool in pools {
                lab.pools.append(Pool(host: name, name: pool.name, type: pool.thin ? .lvmThin : .lvm,
                                      size: ByteSize(bytes: pool.sizeGiB * gib), thin: pool.thin))
            }
        }

        mutating func guest(_ name: String, on host: String, cpus: Int, ramGiB: Int64, enabled: Bool = true,
                            disks: [(sizeGiB: Int64, pool: String)] = []) {
            lab.machines.append(Machine(name: name, kind: .vm, host: host, cpus: cpus, ram: ByteSize(bytes: ramGiB * gib), enabled: enabled))
            for (index, disk) in disks.enumerated() {
                lab.disks.append(Disk(machine: name, name: "scsi\(index)", size: ByteSize(bytes: disk.sizeGiB * gib), pool: disk.pool))
            }
        }

        /// A /24 with one range `name` of `size` addresses starting at .10, the first `used` of them allocated to services.
        mutating func range(_ name: String, size: Int, used: Int) {
            let prefix = IPNetwork("10.0.0.0/24")!
            if !lab.prefixes.contains(where: { $0.cidr == prefix }) { lab.prefixes.append(Prefix(cidr: prefix, name: "net")) }
            lab.ranges.append(AddressRange(name: name, prefix: prefix, first: IPAddress("10.0.0.10")!,
                                           last: IPAddress("10.0.0.\(10 + size - 1)")!, purpose: .static))
            for index in 0..<used {
                let service = "\(name)-svc-\(index)"
                lab.services.append(Service(name: service))
                lab.allocations.append(Allocation(address: IPAddress("10.0.0.\(10 + index)")!, holder: .service(service), prefix: prefix, range: name))
            }
        }
    }
}
