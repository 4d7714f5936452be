import CYaml

/// Composes one YAML document from libyaml's events into a `YAMLTree`, sizing aliases as
/// it goes (`YAMLExpansion`).
///
/// Like the YAML spec's composer: an alias must name an anchor defined before it (a node's
/// anchor counts from the node's end), a later anchor of the same name shadows an earlier
/// one, a mapping must not repeat a key, and a stream holds at most one document.
struct YAMLComposer {
    /// A list or mapping being composed.
    private struct Frame {
        let entry: Int
        let firstChild: Int
        let anchor: String?
        var size = 0
    }

    private(set) var entries: [YAMLTree.Entry] = []
    private var links: [UInt32] = []
    private(set) var text: [UInt8] = []
    /// The children of the open containers, innermost last.
    private var pending: [UInt32] = []
    private var frames: [Frame] = []
    /// Anchors defined so far: the node and its expanded size.
    private var anchors: [String: (node: UInt32, size: Int)] = [:]
    private(set) var expansion: YAMLExpansion

    /// Sized for a file of `textBytes` bytes in `lines` lines. A lab file has 2 to 2.4 nodes a
    /// line and its scalars hold about 60% of its bytes: sizing the arrays up front spares
    /// the copies that growing them makes (at their largest, twice their size at once).
    private init(textBytes: Int, lines: Int) {
        expansion = YAMLExpansion(textBytes: textBytes)
        text.reserveCapacity(textBytes / 5 * 3 + 64)
        entries.reserveCapacity(lines / 2 * 5 + 16)
        links.reserveCapacity(lines / 2 * 5 + 16)
    }

    /// Composes `source`: the tree, and what the alias and text checks found.
    static func compose(_ source: String) throws(YAMLSyntaxError) -> (tree: YAMLTree, findings: [YAMLExpansion.Finding]) {
        var source = source
        source.makeContiguousUTF8()
        let bytes = source.utf8.count
        guard bytes < Int(UInt32.max) else { throw YAMLSyntaxError(message: "the file is too large (\(bytes) bytes)", mark: nil) }
        let outcome = source.utf8.withContiguousStorageIfAvailable { buffer in
            Result { () throws(YAMLSyntaxError) -> (tree: YAMLTree, findings: [YAMLExpansion.Finding]) in
                var lines = 1
                for byte in buffer where byte == UInt8(ascii: "\n") { lines += 1 }
                var composer = YAMLComposer(textBytes: bytes, lines: lines)
                let root = try composer.run(buffer)
                return (YAMLTree(entries: composer.entries, links: composer.links, text: composer.text, root: root), composer.expansion.findings)
            }
        }
        guard let outcome else { throw YAMLSyntaxError(message: "the file's text is not contiguous UTF-8", mark: nil) }
        return try outcome.get()
    }

    private mutating func run(_ buffer: UnsafeBufferPointer<UInt8>) throws(YAMLSyntaxError) -> Int? {
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        let event = UnsafeMutablePointer<yaml_event_t>.allocate(capacity: 1)
        defer {
            parser.deallocate()
            event.deallocate()
        }
        guard yaml_parser_initialize(parser) == 1 else { throw YAMLSyntaxError(message: "out of memory", mark: nil) }
        defer { yaml_parser_delete(parser) }
        yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
        yaml_parser_set_input_string(parser, buffer.baseAddress, buffer.count)

        var root: Int?
        var documents = 0
        while true {
            guard yaml_parser_parse(parser, event) == 1 else { throw YAMLComposer.syntaxError(parser.pointee, in: buffer) }
            defer { yaml_event_delete(event) }
            let mark = YAMLMark(line: Int(event.pointee.start_mark.line) + 1, column: Int(event.pointee.start_mark.column) + 1)
            switch event.pointee.type {
            case YAML_STREAM_END_EVENT:
                return root
            case YAML_DOCUMENT_START_EVENT:
                documents += 1
                if documents > 1 {
                    throw YAMLSyntaxError(message: "the file holds more than one YAML document (a second '---'); a lab file is one document", mark: mark)
                }
            case YAML_SCALAR_EVENT:
                let scalar = event.pointee.data.scalar
                var value = UnsafeBufferPointer(start: scalar.value, count: Int(scalar.length))
                // A byte-order mark opening a value is dropped, as labdb always did (Foundation's
                // UTF-8 decoding did it): an invisible character must not make two names differ.
                if value.starts(with: [0xEF, 0xBB, 0xBF]) { value = UnsafeBufferPointer(rebasing: value.dropFirst(3)) }
                let index = appendEntry(.scalar, isPlain: scalar.style == YAML_PLAIN_SCALAR_STYLE, mark: mark,
                                        start: text.count, count: value.count)
                text.append(contentsOf: value)
                let size = expansion.scalar(bytes: value.count, hasNUL: value.contains(0), at: mark)
                define(anchor: scalar.anchor, node: index, size: size)
                if let top = finish(node: index, size: size) { root = top }
            case YAML_ALIAS_EVENT:
                let name = String(cString: event.pointee.data.alias.anchor)
                guard let anchored = anchors[name] else {
                    throw YAMLSyntaxError(message: "the alias *\(name) names no anchor (&\(name)) defined before it", mark: mark)
                }
                // A refused alias points at the value it repeats, which is what to write out.
                let size = expansion.alias(size: anchored.size, at: entries[Int(anchored.node)].mark)
                if let top = finish(node: Int(anchored.node), size: size) { root = top }
            case YAML_SEQUENCE_START_EVENT:
                open(.sequence, anchor: event.pointee.data.sequence_start.anchor, mark: mark)
            case YAML_MAPPING_START_EVENT:
                open(.mapping, anchor: event.pointee.data.mapping_start.anchor, mark: mark)
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                let (index, size) = try close()
                if let top = finish(node: index, size: size) { root = top }
            default:
                break
            }
        }
    }

    private mutating func appendEntry(_ kind: YAMLTree.Kind, isPlain: Bool, mark: YAMLMark, start: Int, count: Int) -> Int {
        entries.append(YAMLTree.Entry(kind: kind, isPlain: isPlain, line: mark.line, column: mark.column, start: start, count: count))
        return entries.count - 1
    }

    private mutating func open(_ kind: YAMLTree.Kind, anchor: UnsafeMutablePointer<yaml_char_t>?, mark: YAMLMark) {
        let index = appendEntry(kind, isPlain: false, mark: mark, start: 0, count: 0)
        frames.append(Frame(entry: index, firstChild: pending.count, anchor: anchor.map { String(cString: $0) }))
    }

    /// Ends the innermost container: its children move to `links`.
    private mutating func close() throws(YAMLSyntaxError) -> (index: Int, size: Int) {
        let frame = frames.removeLast()
        let children = pending.count - frame.firstChild
        let kind = entries[frame.entry].kind
        // No binding holds a slice of `pending` past this point: shrinking it must not copy it.
        if kind == .mapping { try checkDuplicateKeys(pending[frame.firstChild...]) }
        entries[frame.entry].start = UInt32(links.count)
        entries[frame.entry].count = UInt32(kind == .mapping ? children / 2 : children)
        links.append(contentsOf: pending[frame.firstChild...])
        pending.removeSubrange(frame.firstChild...)
        let entry = entries[frame.entry]
        let size = expansion.container(size: frame.size, at: entry.mark)
        if let anchor = frame.anchor { anchors[anchor] = (UInt32(frame.entry), size) }
        return (frame.entry, size)
    }

    private mutating func define(anchor: UnsafeMutablePointer<yaml_char_t>?, node: Int, size: Int) {
        guard let anchor else { return }
        anchors[String(cString: anchor)] = (UInt32(node), size)
    }

    /// Hands a finished node to the open container; returns it when there is none (it is
    /// the document's top node).
    private mutating func finish(node: Int, size: Int) -> Int? {
        guard !frames.isEmpty else { return node }
        pending.append(UInt32(node))
        if !expansion.exceeded {
            let (sum, overflow) = frames[frames.count - 1].size.addingReportingOverflow(size)
            frames[frames.count - 1].size = overflow ? Int.max : sum
        }
        return nil
    }
}
