import LabOperations
import Foundation
import LabIP
import LabModel
import LabREPL
import Testing

/// `allocate` and `release` in the query language, carried out by the IPAM allocator.
@Suite("Wire: allocate and release in the shell", .serialized)
struct WireAllocateTests {
    /// The text cells of a read, by row.
    static func cells(_ executor: QueryExecutor, _ statement: String) throws -> [[String]] {
        guard case .table(let table) = try executor.run(statement) else {
            Issue.record("\(statement) gave no table")
            return []
        }
        return table.rows.map { $0.map(\.display) }
    }

    /// The first address of the range `name` that no `ips` row holds, computed from the
    /// range's bounds and the allocated addresses (not by the allocator).
    static func firstFree(in name: String, _ executor: QueryExecutor) throws -> IPAddress? {
        let bounds = try cells(executor, "ranges where name = \(name) select first, last")
        guard bounds.count == 1, let first = IPAddress(bounds[0][0]), let last = IPAddress(bounds[0][1]) else { return nil }
        let taken = Set(try cells(executor, "ips select ip").compactMap { IPAddress($0[0]) })
        var candidate = first
        while candidate.value <= last.value {
            if !taken.contains(candidate) { return candidate }
            guard let next = candidate.advanced(by: 1) else { return nil }
            candidate = next
        }
        return nil
    }

    @Test("allocate takes the next free address of metallb; release gives it back")
    func allocateAndRelease() throws {
        let lab = try ShellTestLab()
        defer { lab.remove() }
        let executor = try lab.executor()
        let expected = try #require(try WireAllocateTests.firstFree(in: "metallb", executor))
        let before = try WireAllocateTests.cells(executor, "ips count")

        #expect(try executor.run("allocate metallb to z440 dns lb-test.lab.example.com") == .message(expected.description))
        let row = try WireAllocateTests.cells(executor, "ips where ip = \(expected) select holder, range, dns")
        #expect(row == [["z440", "metallb", "lb-test.lab.example.com"]])
        #expect(try WireAllocateTests.firstFree(in: "metallb", executor) != expected)

        #expect(try executor.run("release \(expected)") == .message("released \(expected) (was machine z440, range metallb)"))
        #expect(try WireAllocateTests.cells(executor, "ips where ip = \(expected)").isEmpty)
        #expect(try WireAllocateTests.cells(executor, "ips count") == before)
        #expect(throws: ExecutionError.refused(IPAMError.notAllocated(address: expected).description)) {
            try executor.run("release \(expected)")
        }
    }

    @Test("allocating a taken address names its holder and changes nothing")
    func takenAddress() throws {
        let lab = try ShellTestLab()
        defer { lab.remove() }
        let executor = try lab.executor()
        let held = try #require(try WireAllocateTests.cells(executor, "ips where range = metallb select ip, holder limit 1").first)
        let before = try WireAllocateTests.cells(executor, "ips select ip, holder")
        do {
            _ = try executor.run("allocate \(held[0]) to z440")
            Issue.record("allocating the taken address \(held[0]) succeeded")
        } catch {
            let message = "\(error)"
            #expect(message.hasPrefix("address \(held[0]) is already allocated to "))
            #expect(message.contains(held[1]), "the message names the holder \(held[1])")
        }
        #expect(try WireAllocateTests.cells(executor, "ips select ip, holder") == before)
    }

    @Test("a full range is refused with the IPAM message, after exactly its free addresses")
    func rangeFull() throws {
        let lab = try ShellTestLab()
        defer { lab.remove() }
        let executor = try lab.executor()
        let range = try #require(try WireAllocateTests.cells(executor, "ranges where name = metallb select first, last, used").first)
        let size = Int(try #require(IPAddress(range[1])).value - (try #require(IPAddress(range[0]))).value) + 1
        let free = size - (try #require(Int(range[2])))
        var allocated = 0
        var refusal: ExecutionError?
        while refusal == nil, allocated <= free {
            let outcome = Result { () throws(ExecutionError) -> ExecutionResult in
                try executor.run("allocate metallb to 'service:prod-ingress'")
            }
            switch outcome {
            case .success: allocated += 1
            case .failure(let error): refusal = error
            }
        }
        #expect(allocated == free)
        #expect(refusal == .refused(IPAMError.rangeExhausted(name: "metallb", size: String(size)).description))
        #expect(try WireAllocateTests.cells(executor, "ranges where name = metallb select used") == [[String(size)]])
    }

    @Test("unknown holders and ranges are refused, naming them; machine: and service: choose the kind")
    func unknownNames() throws {
        let lab = try ShellTestLab()
        defer { lab.remove() }
        let executor = try lab.executor()
        let before = try WireAllocateTests.cells(executor, "ips select ip, holder")
        for (statement, message) in [("allocate metalb to z440", "no range named 'metalb'"), ("allocate metallb to z44", "no host, VM or service named 'z44'"),
                                     ("allocate metallb to service:z440", "no service named 'z440'")] {
            do {
                _ = try executor.run(statement)
                Issue.record("\(statement) succeeded")
            } catch {
                #expect("\(error)".hasPrefix(message), "\(statement)")
            }
        }
        #expect(try WireAllocateTests.cells(executor, "ips select ip, holder") == before)
    }

    @Test("labdb query allocates the address `labdb ip next` names")
    func binaryAllocates() throws {
        let lab = try ShellTestLab()
        defer { lab.remove() }
        let next = try LabdbRun.run(["ip", "next", "metallb", "--db", lab.databasePath])
        #expect(next.status == 0)
        let allocate = try LabdbRun.run(["query", "--db", lab.databasePath, "allocate metallb to z440"])
        #expect(allocate.status == 0, "\(allocate.errors)")
        #expect(!next.output.isEmpty && allocate.output == next.output)
        let release = try LabdbRun.run(["--db", lab.databasePath, "query", "-"], input: "release \(next.output.trimmingCharacters(in: .whitespacesAndNewlines));\n")
        #expect(release.status == 0, "\(release.errors)")
        #expect(release.output.hasPrefix("released \(next.output.trimmingCharacters(in: .whitespacesAndNewlines)) (was machine z440"))
    }
}
