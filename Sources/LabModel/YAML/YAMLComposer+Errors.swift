import CYaml

extension YAMLComposer {
    /// A mapping's keys, `key, value, key, value...`: a repeated text key is an error at its
    /// second place. (Lab files key mappings by text; a list or mapping used as a key is
    /// refused by the reader, so only text keys are compared.)
    func checkDuplicateKeys(_ children: ArraySlice<UInt32>) throws(YAMLSyntaxError) {
        let pairs = children.count / 2
        guard pairs > 1 else { return }
        let keys = (0..<pairs).map { entries[Int(children[children.startIndex + 2 * $0])] }
        func bytes(_ key: YAMLTree.Entry) -> ArraySlice<UInt8> { text[Int(key.start)..<Int(key.start + key.count)] }
        func refuse(_ key: YAMLTree.Entry, firstLine: Int) -> YAMLSyntaxError {
            let name = String(decoding: bytes(key), as: UTF8.self)
            return YAMLSyntaxError(message: "malformed YAML: key \(name.quotedForMessage) appears twice in one mapping (first at line \(firstLine))",
                                   mark: key.mark)
        }
        // A lab file's mappings have a handful of keys: comparing each pair beats hashing.
        if pairs <= 12 {
            for (position, key) in keys.enumerated() where key.kind == .scalar {
                if let first = keys[..<position].first(where: { $0.kind == .scalar && $0.count == key.count && bytes($0) == bytes(key) }) {
                    throw refuse(key, firstLine: Int(first.line))
                }
            }
            return
        }
        var seen: [ArraySlice<UInt8>: Int] = [:]
        seen.reserveCapacity(pairs)
        for key in keys where key.kind == .scalar {
            if let first = seen[bytes(key)] { throw refuse(key, firstLine: first) }
            seen[bytes(key)] = Int(key.line)
        }
    }

    /// libyaml's reason for stopping, in the words labdb has always used: "malformed YAML: "
    /// then libyaml's problem and its context.
    static func syntaxError(_ parser: yaml_parser_t, in buffer: UnsafeBufferPointer<UInt8>) -> YAMLSyntaxError {
        let problem = parser.problem.map { String(cString: $0) } ?? "unknown problem"
        switch parser.error {
        case YAML_MEMORY_ERROR:
            return YAMLSyntaxError(message: "malformed YAML: out of memory", mark: nil)
        case YAML_READER_ERROR:
            return YAMLSyntaxError(message: "malformed YAML: \(problem)", mark: mark(atByte: parser.problem_offset, in: buffer))
        default:
            let detail = parser.context.map { "\(problem) \(String(cString: $0))" } ?? problem
            let mark = YAMLMark(line: Int(parser.problem_mark.line) + 1, column: Int(parser.problem_mark.column) + 1)
            return YAMLSyntaxError(message: "malformed YAML: \(detail)", mark: mark)
        }
    }

    /// The line and column (in characters) of byte `offset` of `buffer`.
    private static func mark(atByte offset: Int, in buffer: UnsafeBufferPointer<UInt8>) -> YAMLMark {
        var line = 1
        var column = 1
        for byte in buffer.prefix(min(offset, buffer.count)) {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return YAMLMark(line: line, column: column)
    }
}
