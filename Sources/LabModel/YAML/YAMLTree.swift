/// A composed YAML document, held in three flat arrays instead of a tree of objects.
///
/// A 4 MiB lab file has some 400,000 nodes. As a tree of enum cases, each scalar with its
/// own `String`, tag object and mark, it took 30 times the file's size; here a node is 20
/// bytes, a container's children are 4-byte indices, and every scalar's text sits in one
/// byte buffer. Aliases are resolved while composing: an alias is one more link to the
/// node its anchor named, so reading never copies an anchored value.
final class YAMLTree: Sendable {
    /// What a node is.
    enum Kind: UInt8, Sendable {
        case scalar, sequence, mapping
    }

    /// One node: its kind, where it starts, and where its text or children are.
    struct Entry: Sendable {
        var kind: Kind
        /// A scalar written without quotes or block indicators (so `null`, `~` and numbers
        /// keep their YAML meaning).
        var isPlain: Bool
        var line: UInt32
        var column: UInt32
        /// Scalar: the offset of its text in `text`. Container: the offset of its first
        /// child in `links`.
        var start: UInt32
        /// Scalar: its length in bytes. Sequence: its items. Mapping: its pairs (each two links).
        var count: UInt32
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
