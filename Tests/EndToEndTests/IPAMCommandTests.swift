import Foundation
import Testing

/// `labdb ip ...` and `labdb ranges` as a user types them, against the seed lab.
@Suite("IPAM commands", .serialized)
struct IPAMCommandTests {
    /// A temporary database seeded with seed/homelab.yaml.
    final class SeededLab {
        let folder: String
        var database: String { folder + "/lab.db" }

        init() throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("labdb-ipam-cli-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let seeded = try labdb("init", "--seed", IPAMRaceTests.root + "/seed/homelab.yaml")
            #expect(seeded.status == 0, "\(seeded.stderr)")
        }

        deinit { try? FileManager.default.removeItem(atPath: folder) }

        func labdb(_ arguments: String...) throws -> IPAMRaceTests.Outcome {
            try IPAMRaceTests.run([["--db", database] + arguments], in: folder)[0]
        }
    }

    @Test("ranges shows the seed lab's MetalLB pool with 51 addresses, 2 used, and its first free address")
    func rangesOfSeedLab() throws {
        let lab = try SeededLab()
        let json = try lab.labdb("ranges", "--format", "json")
        #expect(json.status == 0)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        let metallb = try #require(rows.first { $0["name"] as? String == "metallb" })
        #expect(metallb["size"] as? Int == 51)
        #expect(metallb["used"] as? Int == 2)
        #expect(metallb["free"] as? Int == 49)
        #expect(metallb["first_free"] as? String == "192.168.1.102")
        let table = try lab.labdb("ranges")
        #expect(table.stdout.contains("metallb") && table.stdout.contains("first_free"))
    }

    @Test("next prints without allocating; allocate prints the address and ranges counts it")
    func nextThenAllocate() throws {
        let lab = try SeededLab()
        let next = try lab.labdb("ip", "next", "metallb", "--count", "2")
        #expect(next.lines == ["192.168.1.102", "192.168.1.103"])
        #expect(try lab.labdb("ip", "next", "metallb").lines == ["192.168.1.102"])
        let allocated = try lab.labdb("ip", "allocate", "metallb", "--to", "prod-ingress", "--dns", "app.lab.example.com")
        #expect(allocated.status == 0 && allocated.lines == ["192.168.1.102"])
        let show = try lab.labdb("ip", "show", "192.168.1.102")
        #expect(show.stdout.contains("service prod-ingress") && show.stdout.contains("app.lab.example.com") && show.stdout.contains("metallb"))
        let list = try lab.labdb("ip", "list", "metallb", "--format", "csv")
        #expect(list.lines.count == 4)
        let released = try lab.labdb("ip", "release", "192.168.1.102")
        #expect(released.status == 0 && released.stdout.contains("released 192.168.1.102"))
        #expect(try lab.labdb("ip", "list", "metallb", "--format", "csv").lines.count == 3)
    }

    @Test("refusals exit 1 with one clear line and change nothing")
    func refusals() throws {
        let lab = try SeededLab()
        let before = try lab.labdb("export").stdout
        let cases: [([String], String)] = [
            (["ip", "allocate", "metalb", "--to", "prod-ingress"], "no range named 'metalb'; did you mean 'metallb'?"),
            (["ip", "allocate", "metallb", "--to", "prod-ingres"], "no machine or service named 'prod-ingres'; did you mean 'prod-ingress'?"),
            (["ip", "allocate", "192.168.1.10", "--to", "bastion"], "address 192.168.1.10 is already allocated to machine z440"),
            (["ip", "allocate", "10.99.0.1", "--to", "bastion"], "address 10.99.0.1 is outside every prefix"),
            (["ip", "allocate", "192.168.1.255", "--to", "bastion"], "is the broadcast address of prefix 192.168.1.0/24"),
            (["ip", "allocate", "metallb", "--to", "prod-ingress", "--count", "50"], "range 'metallb' has 49 free addresses of 51 usable, fewer than the 50 asked for"),
            (["ip", "release", "192.168.1.200"], "address 192.168.1.200 is not allocated"),
            (["ip", "release", "not-an-ip"], "'not-an-ip' is not an IP address"),
            (["ip", "next", "nope"], "no range named 'nope'"),
        ]
        for (arguments, message) in cases {
            let outcome = try IPAMRaceTests.run([["--db", lab.database] + arguments], in: lab.folder)[0]
            #expect(outcome.status == 1, "\(arguments)")
            #expect(outcome.stderr.contains(message), "\(arguments): \(outcome.stderr)")
            #expect(outcome.stderr.split(separator: "\n").count == 1)
            #expect(outcome.stdout.isEmpty)
        }
        #expect(try lab.labdb("export").stdout == before)
    }

    @Test("global flags work before the ip subcommand")
    func globalFlagsFirst() throws {
        let lab = try SeededLab()
        let outcome = try IPAMRaceTests.run([["--db", lab.database, "--format", "json", "ip", "next", "infra"]], in: lab.folder)[0]
        #expect(outcome.status == 0)
        #expect(outcome.stdout.contains("\"address\":\"192.168.1.21\""))
    }
}
