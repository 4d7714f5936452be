/// A node of a `YAMLTree`, read by value: text for scalars, items or pairs for containers.
struct YAMLNode {
    let tree: YAMLTree
    let index: Int

    private var entry: YAMLTree.Entry { tree.entries[index] }

    var kind: YAMLTree.Kind { entry.kind }

    /// Where the node starts in the file.
    var mark: YAMLMark { entry.mark }

    /// The text of a scalar; nil for a list or a mapping.
    var string: String? {
        let entry = entry
        guard entry.kind == .scalar else { return nil }
        let start = Int(entry.start)
        return tree.text.withUnsafeBufferPointer { buffer in
            String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<start + Int(entry.count)]), as: UTF8.self)
        }
    }

    /// Whether the node is a plain (unquoted) scalar.
    var isPlain: Bool { entry.kind == .scalar && entry.isPlain }

    /// A scalar's length in bytes.
    var byteCount: Int { entry.kind == .scalar ? Int(entry.count) : 0 }

    /// A list's items or a mapping's pairs; 0 for a scalar.
    var count: Int { entry.kind == .scalar ? 0 : Int(entry.count) }

    /// The `position`-th item of a list.
    func item(_ position: Int) -> YAMLNode { child(at: position) }

    /// The key of a mapping's `position`-th pair.
    func key(_ position: Int) -> YAMLNode { child(at: 2 * position) }

    /// The value of a mapping's `position`-th pair.
    func value(_ position: Int) -> YAMLNode { child(at: 2 * position + 1) }

    private func child(at offset: Int) -> YAMLNode {
        YAMLNode(tree: tree, index: Int(tree.links[Int(entry.start) + offset]))
    }

    /// "text", "a list" or "a mapping", for messages.
    var kindName: String {
        switch kind {
        case .scalar: return "text"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        }
    }

    /// The value quoted for a message, or its kind when it is not text.
    var describe: String { string?.quotedForMessage ?? kindName }
}

extension YAMLNode {
    /// How many items the list under `key` of this mapping holds (0 when there is none), to
    /// size arrays before a large file is read into them.
    func itemCount(under key: String) -> Int {
        guard kind == .mapping else { return 0 }
        for pair in 0..<count where self.key(pair).string == key {
            let value = value(pair)
            return value.kind == .sequence ? value.count : 0
        }
        return 0
    }
}
