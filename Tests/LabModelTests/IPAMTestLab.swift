import Foundation
import LabIP
import LabModel
import LabStore

/// A real labdb database in a fresh temporary folder, seeded from lab-file text; the folder
/// is removed when the value is released.
final class IPAMTestLab {
    let folder: String
    let db: Database

    init(_ labFile: String) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("labdb-ipam-test-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        db = try LabDatabase.open(path: folder + "/lab.db")
        try LabImporter(database: db).apply(try LabFileParser(file: "test.yaml").parse(labFile))
    }

    deinit { try? FileManager.default.removeItem(atPath: folder) }

    var allocator: IPAllocator { IPAllocator(database: db) }

    /// A lab with one prefix holding one range, and holders `a` (machine) and `svc` (service).
    static func oneRange(cidr: String, first: String, last: String, name: String = "pool") -> String {
        """
        prefixes:
          - cidr: "\(cidr)"
            ranges:
              - name: \(name)
                first: "\(first)"
                last: "\(last)"
                purpose: static
        hosts:
          - name: a
            kind: server
        services:
          - name: svc
        """
    }

    /// The number of rows in `addresses`.
    func addressCount() throws -> Int64 { try db.scalar("SELECT count(*) FROM addresses")?.int ?? -1 }

    /// Every run, in order, as text.
    func runs() throws -> [String] {
        try db.query("SELECT family, first, last FROM address_runs ORDER BY family, first").map { row in
            let family = IPFamily(rawValue: Int(row.int("family") ?? 0))!
            return "\(IPAddress(family: family, bytes: row.bytes("first")!)!)-\(IPAddress(family: family, bytes: row.bytes("last")!)!)"
        }
    }
}

extension IPAddress {
    /// Parses test literals; a bad literal is a bug in the test.
    static func of(_ text: String) -> IPAddress { IPAddress(text)! }
}
