import Foundation
import Testing

/// Runs the built `labdb` binary's capacity commands against a seeded temporary database.
@Suite("Capacity: end to end", .serialized)
struct CapacityEndToEndTests {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let binary = root.appendingPathComponent(".build/debug/labdb").path
    static let gib: Int64 = 1 << 30

    let database: String

    init() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("labdb-capacity-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        database = folder.appendingPathComponent("lab.db").path
        let seeded = try run(["init", "--seed", Self.root.appendingPathComponent("seed/homelab.yaml").path])
        #expect(seeded.status == 0, "\(seeded.stderr)")
    }

    func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(["LABDB_DB": database], uniquingKeysWith: { $1 })
            .merging(environment, uniquingKeysWith: { $1 })
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }

    func json(_ run: Run) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    }

    @Test func capacityShowsEverySectionWithTheSeedFigures() throws {
        let result = try run(["capacity"])
        #expect(result.status == 0)
        for heading in ["HOSTS", "POOLS", "CLUSTERS", "RANGES", "FINDINGS", "LIMITS"] { #expect(result.stdout.contains(heading)) }
        #expect(result.stdout.contains("mgmt         3    10  20 GiB"))
        #expect(result.stdout.contains("prod         6    18  48 GiB"))
        let z440 = result.stdout.split(separator: "\n").first { $0.hasPrefix("z440 ") }?.split(separator: " ").map(String.init)
        #expect(z440.map { Array($0.prefix(10)) } == ["z440", "12", "38", "3.17", "96", "GiB", "4", "GiB", "92", "GiB"])
    }

    @Test func capacityJSONForScripts() throws {
        let result = try run(["--format", "json", "capacity"])
        #expect(result.status == 0)
        let object = try json(result)
        let clusters = try #require(object["clusters"] as? [[String: Any]])
        let ram = Dictionary(uniqueKeysWithValues: clusters.map { ($0["cluster"] as! String, ($0["ram"] as! NSNumber).int64Value) })
        #expect(ram["mgmt"] == 20 * Self.gib)
        #expect(ram["prod"] == 48 * Self.gib)
        let pools = try #require(object["pools"] as? [[String: Any]])
        #expect(pools.first { $0["pool"] as? String == "local-lvm" }?["status"] as? String == "critical")
    }

    @Test func oneHostAndAnUnknownHost() throws {
        let one = try run(["capacity", "z440", "--format", "json"])
        #expect(one.status == 0)
        #expect((try json(one)["hosts"] as? [[String: Any]])?.count == 1)
        let unknown = try run(["capacity", "z44"])
        #expect(unknown.status == 1)
        #expect(unknown.stdout.isEmpty)
        #expect(unknown.stderr == "labdb: no host named 'z44' (did you mean 'z440'?); `labdb hosts` lists them\n")
    }

    @Test func limitsFromFlagsAndEnvironment() throws {
        // 38 vCPUs on 12 cores is 3.17:1: above a warning level of 3.
        let flagged = try run(["capacity", "z440", "--vcpu-warn", "3"])
        #expect(flagged.status == 0)
        #expect(flagged.stdout.contains("38 vCPUs on 12 cores (3.17:1) is above the warning level 3:1"))
        let fromEnvironment = try run(["capacity", "z440"], environment: ["LABDB_VCPU_WARN": "3"])
        #expect(fromEnvironment.stdout.contains("above the warning level 3:1"))
        let bad = try run(["capacity", "--vcpu-target", "20"])
        #expect(bad.status == 1)
        #expect(bad.stderr.hasPrefix("labdb: invalid capacity limits: the vCPU target 20:1 is above the maximum 10:1"))
    }

    @Test func fitExitsOneWhenTheWorkersDoNotFit() throws {
        let result = try run(["capacity", "fit", "--cpu", "4", "--ram", "12G", "--disk", "50G@local-lvm", "--disk", "300G@longhorn-pool", "--count", "3"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("fits:               no"))
        #expect(result.stderr == "labdb: 3 VMs of 4 vCPU, 12 GiB RAM, 50 GiB@local-lvm, 300 GiB@longhorn-pool do not fit: 0 of 3 can be placed; ram and disk@local-lvm run out first\n")
    }

    @Test func fitExitsZeroWhenItFitsAndAnswersInJSON() throws {
        let result = try run(["--db", database, "--format", "json", "capacity", "fit", "--cpu", "2", "--ram", "3G",
                              "--disk", "100G@longhorn-pool", "--count", "2", "--range", "prod"])
        #expect(result.status == 0, "\(result.stderr)")
        let summary = try #require(try json(result)["summary"] as? [String: Any])
        #expect(summary["fits"] as? Bool == true)
        #expect((summary["placed"] as? NSNumber)?.intValue == 2)
        #expect((summary["more_after_request"] as? NSNumber)?.intValue == 0)
        #expect(summary["runs_out_first"] as? [String] == ["ram"])
        #expect((summary["range_free"] as? NSNumber)?.intValue == 14)
    }

    @Test func fitWithoutARangeLeavesTheRangeLinesOutOfTheTableButNotOutOfJSON() throws {
        let table = try run(["capacity", "fit", "--cpu", "2", "--ram", "3G"])
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.contains("fits:"))
        #expect(!table.stdout.contains("range:"))
        #expect(!table.stdout.contains("range_free:"))
        let ranged = try run(["capacity", "fit", "--cpu", "2", "--ram", "3G", "--range", "prod"])
        #expect(ranged.stdout.split(separator: "\n").contains { $0.hasPrefix("range:") && $0.hasSuffix(" prod") })
        #expect(ranged.stdout.split(separator: "\n").contains { $0.hasPrefix("range_free:") && $0.hasSuffix(" 14") })
        let json = try run(["--format", "json", "capacity", "fit", "--cpu", "2", "--ram", "3G"])
        let summary = try #require(try self.json(json)["summary"] as? [String: Any])
        #expect(summary.keys.contains("range") && summary["range"] is NSNull)
        #expect(summary.keys.contains("range_free") && summary["range_free"] is NSNull)
    }

    @Test func fitErrorsAreOneLineOnStderr() throws {
        let pool = try run(["capacity", "fit", "--cpu", "2", "--ram", "2G", "--disk", "10G@local-lv"])
        #expect(pool.status == 1)
        #expect(pool.stdout.isEmpty)
        #expect(pool.stderr == "labdb: no VM host has a storage pool named 'local-lv' (did you mean 'local-lvm'?); `labdb capacity` lists the pools\n")
        let big = try run(["capacity", "fit", "--cpu", "16", "--ram", "2G"])
        #expect(big.status == 1)
        #expect(big.stderr.contains("a VM with 16 vCPUs fits on no host"))
        let range = try run(["capacity", "fit", "--cpu", "1", "--ram", "1G", "--range", "metalb"])
        #expect(range.stderr == "labdb: no range named 'metalb' (did you mean 'metallb'?); `labdb ranges` lists them\n")
        let size = try run(["capacity", "fit", "--cpu", "1", "--ram", "lots"])
        #expect(size.status == 1)
        #expect(size.stderr == "labdb: --ram 'lots' is not a size; write e.g. 12G or 512M\n")
        let disk = try run(["capacity", "fit", "--cpu", "1", "--ram", "1G", "--disk", "50G"])
        #expect(disk.status == 1)
        #expect(disk.stderr.contains("is not SIZE@POOL"))
        let usage = try run(["capacity", "fit", "--ram", "1G"])
        #expect(usage.status == 2)
    }

    @Test func fitOnAHostWithoutResourcesIsRefused() throws {
        let result = try run(["capacity", "fit", "--cpu", "1", "--ram", "1G", "--host", "router"])
        #expect(result.status == 1)
        #expect(result.stderr == "labdb: cannot place VMs: no VM host has cores and RAM recorded (router); set cpus: and ram: on the host in the lab file and import it\n")
    }
}
