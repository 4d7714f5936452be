import Foundation
import Testing
@testable import LabModel

/// Issue 18, defects 4 and 7: lab files that expand without bound through aliases, that
/// hold NUL characters, or whose huge values would be copied into every message.
@Suite("Hostile lab files")
struct HostileLabFileTests {
    private func problems(_ text: String) -> [LabFileProblem] {
        do {
            _ = try LabFileParser(file: "lab.yaml").parse(text)
            return []
        } catch let error as LabFileError {
            return error.problems
        } catch {
            return [LabFileProblem(file: "lab.yaml", line: nil, column: nil, path: "", message: "\(error)")]
        }
    }

    @Test("a 100 KB value aliased 20,000 times is refused in well under a second, pointing at the anchored value")
    func aliasBomb() {
        let text = "hosts:\n  - name: h1\n    kind: server\n    tags:\n      - &big " + String(repeating: "x", count: 100_000) + "\n"
            + String(repeating: "      - *big\n", count: 20_000)
        let start = ContinuousClock.now
        let found = problems(text)
        let elapsed = ContinuousClock.now - start
        #expect(elapsed < .seconds(2), "took \(elapsed)")
        #expect(found.count == 1)
        #expect(found.first?.message.hasPrefix("the file's aliases expand it to more than") == true)
        #expect(found.first?.line == 5)
    }

    @Test("nested aliases (billion laughs) and too many small aliases are refused")
    func nestedAndMany() {
        var nested = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
        var previous = "a"
        for name in ["b", "c", "d", "e", "f", "g", "h", "i"] {
            nested.append("\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ", ") + "]")
            previous = name
        }
        #expect(problems(nested.joined(separator: "\n")).first?.message.contains("aliases expand it") == true)
        let many = "hosts:\n  - name: h1\n    kind: server\n    tags:\n      - &t a\n" + String(repeating: "      - *t\n", count: 10_001)
        #expect(problems(many).first?.message.hasPrefix("the file uses more than 10000 aliases") == true)
    }

    @Test("a few aliases (a shared tag list) still import")
    func modestAliases() throws {
        let text = """
            hosts:
              - name: h1
                kind: server
                tags: &common [lab, proxmox]
              - name: h2
                kind: server
                tags: *common
            """
        let lab = try LabFileParser(file: "lab.yaml").parse(text)
        #expect(lab.machines.map(\.tags) == [["lab", "proxmox"], ["lab", "proxmox"]])
    }

    @Test("a NUL written as \\0 in a quoted value is refused with line and column")
    func nulEscape() {
        let found = problems("zones:\n  - name: example.com\n    description: \"a\\0bcd\"\n")
        #expect(found.count == 1)
        #expect(found.first?.message.hasPrefix("the text holds a NUL character") == true)
        #expect(found.first?.line == 3)
        #expect(found.first?.column == 18)
    }

    @Test("a huge bad value is quoted by its start and length, not copied whole")
    func longValuesCapped() {
        let name = String(repeating: "é", count: 50_000)
        let found = problems("hosts:\n  - name: \(name)\n    kind: server\n")
        #expect(!found.isEmpty)
        #expect(found.allSatisfy { $0.message.count <= ProblemCollector.maximumMessage })
        #expect(found.first?.message.contains("(50000 characters)") == true)
    }
}

/// What `FileTarget` calls each kind of file, including those a test cannot make.
@Suite("File targets")
struct FileTargetKindTests {
    @Test("devices, FIFOs, sockets, links and folders are named; a regular file passes")
    func kinds() {
        #expect(FileTarget.kind(of: S_IFCHR) == "a character device")
        #expect(FileTarget.kind(of: S_IFBLK) == "a block device")
        #expect(FileTarget.kind(of: S_IFSOCK) == "a socket")
        #expect(FileTarget.kind(of: S_IFIFO) == "a FIFO (named pipe)")
        #expect(FileTarget.kind(of: S_IFLNK) == "a symbolic link")
        #expect(FileTarget.kind(of: S_IFDIR) == "a folder")
        #expect(FileTarget.kind(of: S_IFREG | 0o644) == nil)
        #expect(throws: FileTargetError.notRegularFile(path: "/dev/null", kind: "a character device")) {
            try FileTarget.requireReplaceable("/dev/null")
        }
    }
}
