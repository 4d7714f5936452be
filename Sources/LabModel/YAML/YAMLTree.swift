/// A composed YAML document, held in three flat arrays instead of a tree of objects.
///
/// A 4 MiB lab file has some 400,000 nodes. As a tree of enum cases, each scalar with its
/// own `String`, tag object and mark, it took 30 times the file's size; here a node is 16
/// bytes, a container's children are 4-byte indices, and every scalar's text sits in one
/// byte buffer. Aliases are resolved while composing: an alias is one more link to the
/// node its anchor named, so reading never copies an anchored value.
final class YAMLTree: Sendable {
    /// What a node is.
    enum Kind: UInt8, Sendable {
        case scalar, sequence, mapping
    }

    /// One node in 16 bytes: its kind, where it starts, and where its text or children are.
    struct Entry: Sendable {
        /// The column in the low 29 bits, the kind in the next two, plain or not in the top one.
        private let packed: UInt32
        let line: UInt32
        /// Scalar: the offset of its text in `text`. Container: the offset of its first
        /// child in `links`.
        var start: UInt32
        /// Scalar: its length in bytes. Sequence: its items. Mapping: its pairs (each two links).
        var count: UInt32

        private static let columnBits: UInt32 = 29

        init(kind: Kind, isPlain: Bool, line: Int, column: Int, start: Int, count: Int) {
            let column = UInt32(clamping: min(column, Int(1 << Entry.columnBits) - 1))
            packed = column | UInt32(kind.rawValue) << Entry.columnBits | (isPlain ? 1 << 31 : 0)
            self.line = UInt32(clamping: line)
            self.start = UInt32(start)
            self.count = UInt32(count)
        }

        var kind: Kind { Kind(rawValue: UInt8(packed >> Entry.columnBits & 3))! }
        /// A scalar written without quotes or block indicators (so `null`, `~` and numbers
        /// keep their YAML meaning).
        var isPlain: Bool { packed >> 31 == 1 }
        var column: UInt32 { packed & (1 << Entry.columnBits - 1) }
    }

    let entries: [Entry]
    /// Containers' children, contiguous per container: items, or key, value, key, value...
    let links: [UInt32]
    /// Every scalar's text (UTF-8, as libyaml produced it), back to back.
    let text: [UInt8]
    /// The document's top node; nil for an empty stream (no document at all).
    let root: Int?

    init(entries: [Entry], links: [UInt32], text: [UInt8], root: Int?) {
        self.entries = entries
        self.links = links
        self.text = text
        self.root = root
    }

    /// The document's top node, if the stream held one.
    var rootNode: YAMLNode? { root.map { YAMLNode(tree: self, index: $0) } }
}

extension YAMLTree.Entry {
    /// Where the node starts.
    var mark: YAMLMark { YAMLMark(line: Int(line), column: Int(column)) }
}
