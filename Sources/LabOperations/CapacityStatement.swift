/// A `capacity` statement, answered by LabCapacity as `labdb capacity` answers it:
/// `capacity;` (the report), `capacity HOST;` (one host and its pools) and
/// `capacity fit cpu 4 ram 12G disk 50G@local-lvm count 3 [range R] [host H];`.
/// It is read before the query parser, so it has a grammar of words of its own.
enum CapacityStatement: Equatable, Sendable {
    /// The capacity report, narrowed to `host` when given.
    case report(host: String?)
    /// A fit question in the words `FitRequest(words:)` reads.
    case fit(words: [String])

    /// How the statement is written, for errors and `.help`.
    static let usage = "capacity; capacity HOST; or capacity fit cpu N ram SIZE [disk SIZE@POOL ...] [count N] [range RANGE] [host HOST ...]"

    /// The statement `text` holds when its first word is `capacity`; nil for any other statement.
    init?(_ text: String) throws(ExecutionError) {
        let words = CapacityStatement.words(of: text)
        guard let first = words.first, first.lowercased() == "capacity" else { return nil }
        let rest = Array(words.dropFirst())
        if rest.first?.lowercased() == "fit" {
            guard rest.count > 1 else { throw .refused("capacity fit needs a VM shape: \(CapacityStatement.usage)") }
            self = .fit(words: Array(rest.dropFirst()))
            return
        }
        guard rest.count <= 1 else {
            throw .refused("capacity takes at most one host, not '\(rest.joined(separator: " "))'; write \(CapacityStatement.usage)")
        }
        self = .report(host: rest.first)
    }

    /// The words of `text`: `--` comments dropped, split at blanks, a quoted word unquoted.
    static func words(of text: String) -> [String] {
        text.split(separator: "\n").flatMap { line -> [Substring] in
            let code = line.firstRange(of: "--").map { line[..<$0.lowerBound] } ?? line[...]
            return code.split(whereSeparator: \.isWhitespace)
        }.map { word in
            if word.count >= 2, let quote = word.first, "'\"".contains(quote), word.last == quote {
                return String(word.dropFirst().dropLast())
            }
            return String(word)
        }
    }
}
