/// Collects problems found while reading a lab file, with their source positions.
///
/// A problem names a key path (`vms[3].addresses[0].ip`); its line and column are found
/// only when a problem is added, by following the path from the document's top node.
/// Noting a position for every key of a large file up front cost a third of the time of
/// reading it and more memory than the lab itself. Once the file is read, its document is
/// let go (it is as large as the lab); a problem found later composes the text again.
final class ProblemCollector {
    let file: String
    private(set) var problems: [LabFileProblem] = []
    /// The document the paths lead into: the one being read, or the text composed again.
    private var document: YAMLNode?
    /// The file's text, to compose again for a problem found after reading.
    private var source: LabFileSource?

    init(file: String) { self.file = file }

    /// Reading `document` begins: problems point into it.
    func reading(_ document: YAMLNode) { self.document = document }

    /// Reading is over: the document goes, and `source`'s text (which the reader let go, if
    /// it can be read again) is composed again if a problem needs a position.
    func doneReading(_ source: LabFileSource) {
        document = nil
        self.source = source
    }

    private func documentForMarks() -> YAMLNode? {
        if document == nil, let text = source?.textAgain() {
            source = nil
            document = (try? YAMLComposer.compose(text))?.tree.rootNode
        }
        return document
    }

    /// Messages longer than this are cut: they quote values from the file, which can be huge.
    static let maximumMessage = 400

    func add(_ path: String, _ message: String, mark: YAMLMark? = nil) {
        let mark = mark ?? documentForMarks().map { ProblemCollector.nearestNode(to: path, from: $0).mark }
        var text = message.replacingOccurrences(of: "\u{0}", with: "\\0")
        if text.count > ProblemCollector.maximumMessage {
            text = text.prefix(ProblemCollector.maximumMessage - 40) + "... (\(text.count) characters in all)"
        }
        problems.append(LabFileProblem(file: file, line: mark?.line, column: mark?.column, path: path, message: text))
    }

    /// The node at `path` (a key's path leads to its value), or the deepest node on the way
    /// there when the rest of the path is not in the file (a missing key, an item past the
    /// end). A key may itself hold '.' or '[': the longest key that fits is taken.
    static func nearestNode(to path: String, from top: YAMLNode) -> YAMLNode {
        var node = top
        var rest = Substring(path)
        var atTop = true
        while !rest.isEmpty {
            if rest.first == "[" {
                guard node.kind == .sequence, let close = rest.firstIndex(of: "]"),
                      let position = Int(rest[rest.index(after: rest.startIndex)..<close]), (0..<node.count).contains(position) else { break }
                node = node.item(position)
                rest = rest[rest.index(after: close)...]
            } else {
                if !atTop {
                    guard rest.first == "." else { break }
                    rest = rest.dropFirst()
                }
                guard node.kind == .mapping, let next = value(startingPath: rest, in: node) else { break }
                node = next.value
                rest = rest.dropFirst(next.keyLength)
            }
            atTop = false
        }
        return node
    }

    /// The value of the longest key of `mapping` that `path` starts with, followed by the end
    /// of the path, '.' or '['.
    private static func value(startingPath path: Substring, in mapping: YAMLNode) -> (value: YAMLNode, keyLength: Int)? {
        var best: (value: YAMLNode, keyLength: Int)?
        for pair in 0..<mapping.count {
            guard let key = mapping.key(pair).string, path.hasPrefix(key), key.count >= (best?.keyLength ?? 0) else { continue }
            let after = path.dropFirst(key.count).first
            guard after == nil || after == "." || after == "[" else { continue }
            best = (mapping.value(pair), key.count)
        }
        return best
    }

    var sorted: [LabFileProblem] {
        problems.enumerated().sorted {
            (($0.element.line ?? Int.max), ($0.element.column ?? 0), $0.offset)
                < (($1.element.line ?? Int.max), ($1.element.column ?? 0), $1.offset)
        }.map(\.element)
    }
}
