import Foundation
import LabTestSupport
import Testing
@testable import LabModel

/// A lab file read from disk lets its text go once composed; a problem found later (by the
/// validator) reads the file again for its position, and only if it still holds that text.
@Suite("Lab file source: text let go and read again")
struct LabFileSourceTests {
    /// Two machines of one name: the validator, not the reader, finds it, after the text
    /// has been let go.
    static let duplicate = """
    hosts:
      - name: h1
        kind: server
        cpus: 4
      - name: h2
        kind: server
        cpus: 4
      - name: h1
        kind: server
        cpus: 8
    """

    @Test("a problem found after reading has the same position from a file as from text")
    func latePositionFromFile() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("lab.yaml")
        try Self.duplicate.write(toFile: path, atomically: true, encoding: .utf8)
        let fromText = try #require(problems { _ = try LabFileParser(file: path).parseFile(Self.duplicate) })
        let fromFile = try #require(problems { _ = try LabFileParser.loadFile(path: path) })
        #expect(fromFile.map(\.description) == fromText.map(\.description))
        let problem = try #require(fromFile.first)
        #expect(problem.line == 8 && problem.column == 5, "\(problem)")
        #expect(problem.message.contains("duplicate machine name 'h1'"))
    }

    @Test("text let go is read again while the file holds it, and not once the file changed")
    func readAgainOnlyWhenUnchanged() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("lab.yaml")
        try Self.duplicate.write(toFile: path, atomically: true, encoding: .utf8)
        let source = try LabFileSource(path: path)
        #expect(source.firstText == Self.duplicate)
        source.release()
        #expect(source.textAgain() == Self.duplicate)
        // The same size, other text: positions into it would point at other lines.
        try Self.duplicate.replacingOccurrences(of: "h2", with: "h3").write(toFile: path, atomically: true, encoding: .utf8)
        #expect(source.textAgain() == nil)
        try FileManager.default.removeItem(atPath: path)
        #expect(source.textAgain() == nil)
    }

    @Test("text that cannot be read again is kept")
    func textKept() {
        let source = LabFileSource(text: Self.duplicate)
        source.release()
        #expect(source.textAgain() == Self.duplicate)
    }

    @Test("a changed file gives the problem without a position rather than a wrong one")
    func changedFileLosesPositionOnly() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("lab.yaml")
        try Self.duplicate.write(toFile: path, atomically: true, encoding: .utf8)
        let source = try LabFileSource(path: path)
        let problems = ProblemCollector(file: path)
        _ = LabFileParser(file: path).read(source, problems: problems)
        #expect(problems.problems.isEmpty, "the reader finds nothing wrong")
        try ("# edited\n" + Self.duplicate).write(toFile: path, atomically: true, encoding: .utf8)
        problems.add("hosts[2]", "a late problem")
        let problem = try #require(problems.problems.first)
        #expect(problem.line == nil && problem.column == nil)
        #expect(problem.path == "hosts[2]" && problem.message == "a late problem")
    }

    private func problems(_ body: () throws -> Void) -> [LabFileProblem]? {
        do {
            try body()
            return nil
        } catch let error as LabFileError {
            return error.problems
        } catch {
            return nil
        }
    }
}
