import Yams

/// Collects problems found while reading a lab file, with their source positions.
///
/// A problem names a key path (`vms[3].addresses[0].ip`); its line and column are found
/// only when a problem is added, from the mappings and lists the reader went through.
/// Noting a position for every key of a large file up front cost a third of the time of
/// reading it and more memory than the lab itself.
final class ProblemCollector {
    let file: String
    private(set) var problems: [LabFileProblem] = []
    /// The mappings and lists the reader went through, by key path: the positions of their
    /// keys and items are looked up in them (each holds the marks the YAML parser set).
    private var mappings: [String: Node.Mapping] = [:]
    private var sequences: [String: Node.Sequence] = [:]

    init(file: String) { self.file = file }

    /// Notes that the mapping at `path` was read: problems at its path or its keys' paths
    /// point into it.
    func remember(mapping: Node.Mapping, at path: String) { mappings[path] = mapping }

    /// Notes that the list at `path` was read: problems at `path[i]` point at its items.
    func remember(sequence: Node.Sequence, at path: String) { sequences[path] = sequence }

    /// Messages longer than this are cut: they quote values from the file, which can be huge.
    static let maximumMessage = 400

    func add(_ path: String, _ message: String, mark: Mark? = nil) {
        let mark = mark ?? self.mark(at: path) ?? nearestMark(path)
        var text = message.replacingOccurrences(of: "\u{0}", with: "\\0")
        if text.count > ProblemCollector.maximumMessage {
            text = text.prefix(ProblemCollector.maximumMessage - 40) + "... (\(text.count) characters in all)"
        }
        problems.append(LabFileProblem(file: file, line: mark?.line, column: mark?.column, path: path, message: text))
    }

    /// Where the node at `path` is: a mapping the reader read, a key of one (its value,
    /// the last of a repeated key), or an item of a list it read.
    private func mark(at path: String) -> Mark? {
        if let mapping = mappings[path] { return mapping.mark }
        if let root = mappings[""], let mark = ProblemCollector.mark(of: path, in: root) { return mark }
        var index = path.endIndex
        while index > path.startIndex {
            index = path.index(before: index)
            switch path[index] {
            case ".":
                if let mapping = mappings[String(path[..<index])],
                   let mark = ProblemCollector.mark(of: String(path[path.index(after: index)...]), in: mapping) {
                    return mark
                }
            case "[":
                if path.hasSuffix("]"), let sequence = sequences[String(path[..<index])],
                   let item = Int(path[path.index(after: index)..<path.index(before: path.endIndex)]),
                   sequence.indices.contains(item) {
                    return sequence[item].mark
                }
            default:
                break
            }
        }
        return nil
    }

    private static func mark(of key: String, in mapping: Node.Mapping) -> Mark? {
        var found: Mark?
        for (name, value) in mapping where name.scalar?.string == key { found = value.mark ?? name.mark }
        return found
    }

    private func nearestMark(_ path: String) -> Mark? {
        var candidate = path
        while let cut = candidate.lastIndex(where: { $0 == "." || $0 == "[" }) {
            candidate = String(candidate[..<cut])
            if let mark = mark(at: candidate) { return mark }
        }
        return nil
    }

    var sorted: [LabFileProblem] {
        problems.enumerated().sorted {
            (($0.element.line ?? Int.max), ($0.element.column ?? 0), $0.offset)
                < (($1.element.line ?? Int.max), ($1.element.column ?? 0), $1.offset)
        }.map(\.element)
    }
}
