import Foundation
import LabIP
import LabModel
import LabStore
import Testing

/// Several real `labdb` processes allocating from one range at the same moment.
@Suite("IPAM race between processes", .serialized)
struct IPAMRaceTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    static let binary = root + "/.build/debug/labdb"

    /// A temporary folder with a database seeded with prefix 10.50.0.0/16, a range `pool`
    /// from 10.50.0.10 on with `size` addresses, and services p0...p7.
    final class RaceLab {
        let folder: String
        var database: String { folder + "/lab.db" }

        init(size: Int) throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("labdb-ipam-race-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let last = IPAddress("10.50.0.10")!.advanced(by: UInt128(size - 1))!
            let services = (0..<8).map { "  - name: p\($0)" }.joined(separator: "\n")
            try """
                prefixes:
                  - cidr: 10.50.0.0/16
                    ranges:
                      - name: pool
                        first: 10.50.0.10
                        last: \(last)
                        purpose: static
                services:
                \(services)
                """.write(toFile: folder + "/lab.yaml", atomically: true, encoding: .utf8)
            let seeded = try IPAMRaceTests.run([["--db", database, "init", "--seed", folder + "/lab.yaml"]], in: folder)
            guard seeded[0].status == 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: seeded[0].stderr]) }
        }

        deinit { try? FileManager.default.removeItem(atPath: folder) }

        /// The allocated addresses of the range, with their holders and positions.
        func allocations() throws -> [(address: String, holder: String, position: Int64)] {
            let db = try Database(path: database, readOnly: true)
            return try db.query("""
                SELECT a.family, a.address, s.name AS holder, a.position FROM addresses a
                JOIN services s ON s.id = a.service_id JOIN ranges r ON r.id = a.range_id WHERE r.name = 'pool'
                """).map { row in
                (IPAddress(family: .v4, bytes: row.bytes("address")!)!.description, row.string("holder")!, row.int("position")!)
            }
        }
    }

    struct Outcome {
        let status: Int32
        let stdout: String
        let stderr: String
        var lines: [String] { stdout.split(separator: "\n").map(String.init) }
    }

    /// Starts one `labdb` process per argument list, all before waiting for any, and
    /// returns their outcomes in the same order. Output goes to files so no pipe fills up.
    static func run(_ argumentLists: [[String]], in folder: String) throws -> [Outcome] {
        #expect(FileManager.default.isExecutableFile(atPath: binary), "build labdb first: swift build")
        var started: [(Process, String, String)] = []
        for (index, arguments) in argumentLists.enumerated() {
            let out = folder + "/out-\(index)-\(UUID().uuidString)", err = out + ".err"
            guard FileManager.default.createFile(atPath: out, contents: nil), FileManager.default.createFile(atPath: err, contents: nil) else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "cannot create \(out)"])
            }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = arguments
            process.environment = ["PATH": "/usr/bin:/bin"]
            process.standardOutput = FileHandle(forWritingAtPath: out)
            process.standardError = FileHandle(forWritingAtPath: err)
            started.append((process, out, err))
        }
        for (process, _, _) in started { try process.run() }
        return try started.map { process, out, err in
            process.waitUntilExit()
            return Outcome(status: process.terminationStatus, stdout: try String(contentsOfFile: out, encoding: .utf8),
                           stderr: try String(contentsOfFile: err, encoding: .utf8))
        }
    }

    static func allocators(_ lab: RaceLab, separately: Bool) -> [[String]] {
        (0..<8).map { ["--db", lab.database, "ip", "allocate", "pool", "--to", "p\($0)", "--count", "250"] + (separately ? ["--separately"] : []) }
    }

    @Test("8 processes allocating 250 addresses each, one transaction per address, get 2,000 distinct addresses and no errors")
    func eightProcessesTwoThousandAddresses() throws {
        let lab = try RaceLab(size: 4_000)
        let outcomes = try Self.run(Self.allocators(lab, separately: true), in: lab.folder)
        for outcome in outcomes {
            #expect(outcome.status == 0)
            #expect(outcome.stderr.isEmpty)
            #expect(outcome.lines.count == 250)
        }
        let printed = outcomes.flatMap(\.lines)
        #expect(Set(printed).count == 2_000)
        let stored = try lab.allocations()
        #expect(stored.count == 2_000)
        #expect(Set(stored.map(\.address)) == Set(printed))
        // The lowest 2,000 addresses of the range: nothing was skipped.
        let expected = (0..<2_000).map { IPAddress("10.50.0.10")!.advanced(by: UInt128($0))!.description }
        #expect(Set(printed) == Set(expected))
        // Positions are decided under the same lock: each holder has 0...249 once.
        for holder in 0..<8 {
            #expect(stored.filter { $0.holder == "p\(holder)" }.map(\.position).sorted() == Array(0..<250))
        }
    }

    @Test("when demand exceeds the range, exactly the range's size succeeds and the rest get 'range full'")
    func demandBeyondRangeSize() throws {
        let lab = try RaceLab(size: 1_500)
        let outcomes = try Self.run(Self.allocators(lab, separately: true), in: lab.folder)
        let printed = outcomes.flatMap(\.lines)
        #expect(printed.count == 1_500)
        #expect(Set(printed).count == 1_500)
        #expect(try lab.allocations().count == 1_500)
        let failed = outcomes.filter { $0.status != 0 }
        #expect(failed.count >= 2)
        for outcome in outcomes {
            #expect(outcome.status == 0 || outcome.status == 1)
            if outcome.status == 0 {
                #expect(outcome.lines.count == 250 && outcome.stderr.isEmpty)
            } else {
                #expect(outcome.stderr.contains("range 'pool' is full: all 1,500 usable addresses are allocated"))
                #expect(!outcome.stderr.lowercased().contains("locked") && !outcome.stderr.lowercased().contains("busy"))
            }
        }
    }

    @Test("all-or-nothing --count: 8 × 250 into 1,000 addresses gives exactly 4 whole successes")
    func atomicCountsIntoSmallRange() throws {
        let lab = try RaceLab(size: 1_000)
        let outcomes = try Self.run(Self.allocators(lab, separately: false), in: lab.folder)
        let succeeded = outcomes.filter { $0.status == 0 }
        #expect(succeeded.count == 4)
        #expect(succeeded.allSatisfy { $0.lines.count == 250 })
        for outcome in outcomes where outcome.status != 0 {
            #expect(outcome.status == 1)
            #expect(outcome.stdout.isEmpty)
            #expect(outcome.stderr.contains("range 'pool' is full"))
        }
        #expect(try lab.allocations().count == 1_000)
        #expect(Set(outcomes.flatMap(\.lines)).count == 1_000)
    }
}
