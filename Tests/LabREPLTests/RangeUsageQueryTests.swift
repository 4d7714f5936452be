import LabOperations
import Foundation
import LabModel
import LabStore
import LabIP
import Testing

/// The utilisation fields of `ranges` and `prefixes` in the query language: the same figures
/// as `labdb ranges` (IPAMViews), after allocations, releases and writes outside labdb.
@Suite("Query: range and prefix utilisation fields", .serialized)
struct RangeUsageQueryTests {
    static let labFile = """
        prefixes:
          - cidr: "10.0.0.0/24"
            name: lan
            ranges:
              - name: pool
                first: "10.0.0.0"
                last: "10.0.0.9"
                purpose: static
              - name: tiny
                first: "10.0.0.20"
                last: "10.0.0.20"
                purpose: static
          - cidr: "2001:db8::/48"
            name: v6
            ranges:
              - name: wide
                first: "2001:db8::"
                last: "2001:db8::ffff:ffff:ffff:ffff"
                purpose: static
        hosts:
          - name: a
            kind: server
        """

    /// A database with the lab above, in a fresh temporary folder (removed by the caller).
    static func database(_ folder: URL) throws -> Database {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let database = try LabDatabase.open(path: folder.appendingPathComponent("lab.db").path)
        try LabImporter(database: database).apply(try LabFileParser(file: "test.yaml").parse(labFile))
        return database
    }

    static func rows(_ executor: QueryExecutor, _ statement: String) throws -> [[String]] {
        guard case .table(let table) = try executor.run(statement) else { throw CorruptRowError(message: "no table from \(statement)") }
        return table.rows.map { $0.map(\.display) }
    }

    /// `labdb ranges`'s size, used, free, percent and first free (blank when full), by name.
    static func listing(_ database: Database) throws -> [String: [String]] {
        let table = try IPAMViews(database: database).utilisation()
        var figures: [String: [String]] = [:]
        for row in table.rows {
            let cells = row.map(\.display)
            figures[cells[1]] = Array(cells[6...10]).map { $0 == "full" ? "" : $0 }
        }
        return figures
    }

    @Test("the fields equal labdb ranges, before and after allocations, a release and a raw write")
    func sameFiguresAsTheListing() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("labdb-usage-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = try Self.database(folder)
        let executor = try QueryExecutor(database: database)
        let allocator = IPAllocator(database: database)
        func compare() throws {
            let listing = try Self.listing(database)
            let ranges = try Self.rows(executor, "ranges select name, size, used, free, used_percent, first_free")
            let prefixes = try Self.rows(executor, "prefixes select name, size, used, free, used_percent, first_free")
            #expect(ranges.count == 3 && prefixes.count == 2)
            for row in ranges + prefixes { #expect(Array(row.dropFirst()) == listing[row[0]], "\(row[0])") }
        }
        try compare()
        try allocator.allocate(fromRange: "pool", to: "a", count: 4)
        try allocator.allocate(fromRange: "tiny", to: "a")
        try allocator.release(.of("10.0.0.2"))
        try compare()
        // A write outside labdb leaves the runs stale: the fields walk the addresses instead.
        try database.execute("DELETE FROM addresses WHERE address = ?", [.blob(IPAddress.of("10.0.0.1").bytes)])
        #expect(try AddressRunIndex(database: database).isStale(.v4))
        #expect(try Self.rows(executor, "ranges where name = pool select first_free, used") == [["10.0.0.1", "2"]])
        try compare()
    }

    @Test("a full range has a null first_free and 100 percent; IPv6 sizes beyond 2^63 print as powers and sort above every number")
    func fullAndHuge() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("labdb-usage-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = try Self.database(folder)
        let executor = try QueryExecutor(database: database)
        try IPAllocator(database: database).allocate(fromRange: "tiny", to: "a")
        #expect(try Self.rows(executor, "ranges where first_free is null select name, used_percent, free") == [["tiny", "100", "0"]])
        #expect(try Self.rows(executor, "ranges where name = wide select size, free, first_free") == [["2^64 - 1", "2^64 - 1", "2001:db8::1"]])
        #expect(try Self.rows(executor, "ranges sort by size desc select name") == [["wide"], ["pool"], ["tiny"]])
        #expect(try Self.rows(executor, "ranges where free > 1000000 select name") == [["wide"]])
        #expect(try Self.rows(executor, "prefixes where gateway is null select name") == [["lan"], ["v6"]])
    }
}

extension IPAddress {
    /// Parses test literals; a bad literal is a bug in the test.
    static func of(_ text: String) -> IPAddress { IPAddress(text)! }
}
