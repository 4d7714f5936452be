import LabIP

/// A mapping node of a lab file, read key by key with type checks.
///
/// Every read records problems instead of throwing, so one pass reports them all.
struct YAMLMapping {
    let path: String
    let mapping: YAMLNode
    let problems: ProblemCollector
    /// Known keys that an unknown key was probably meant to be: not reported again as missing.
    private var suggested: Set<String> = []
    /// The values by key. A lab file's mappings have a handful of keys: a linear search over
    /// plain strings beats hashing each key.
    private var values: [(name: String, node: YAMLNode)] = []

    /// Reads `node` as a mapping allowing only `keys`; unknown keys are problems.
    init?(_ node: YAMLNode, path: String, keys: [String], problems: ProblemCollector) {
        guard node.kind == .mapping else {
            problems.add(path, "expected a mapping (key: value), found \(node.kindName)", mark: node.mark)
            return nil
        }
        self.path = path
        self.mapping = node
        self.problems = problems
        values.reserveCapacity(node.count)
        for pair in 0..<node.count {
            let key = node.key(pair)
            let value = node.value(pair)
            guard let name = key.string else {
                problems.add(path, "keys must be plain text", mark: key.mark)
                continue
            }
            if !keys.contains(name) {
                let childPath = path.isEmpty ? name : "\(path).\(name)"
                let closest = Suggestion.closest(to: name, in: keys)
                if let closest { suggested.insert(closest) }
                let hint = closest.map { "; did you mean '\($0)'?" } ?? ""
                problems.add(childPath, "unknown key \(name.quotedForMessage)\(hint) (allowed: \(keys.joined(separator: ", ")))", mark: key.mark)
            }
            if values.contains(where: { $0.name == name }) {
                problems.add(child(name), "key \(name.quotedForMessage) appears twice", mark: key.mark)
            } else {
                values.append((name, value))
            }
        }
    }

    func child(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// The value node of `key`, nil when absent or null.
    func node(_ key: String) -> YAMLNode? {
        guard let value = values.first(where: { $0.name == key })?.node else { return nil }
        if value.isPlain, value.byteCount <= 4, let text = value.string, ["", "~", "null", "Null", "NULL"].contains(text) {
            return nil
        }
        return value
    }

    func string(_ key: String, required: Bool = false) -> String? {
        guard let value = node(key) else {
            if required && !suggested.contains(key) { problems.add(child(key), "is required", mark: mapping.mark) }
            return nil
        }
        guard let text = value.string else {
            problems.add(child(key), "expected text, found \(value.kindName)", mark: value.mark)
            return nil
        }
        return text
    }

    /// A name: non-empty, letters, digits, `.`, `_`, `-`.
    func name(_ key: String, required: Bool = true) -> String? {
        guard let text = string(key, required: required) else { return nil }
        guard NameRules.isValidName(text) else {
            problems.add(child(key), "\(text.quotedForMessage) is not a valid name (use letters, digits, '.', '_' and '-', at most 63 characters)")
            return nil
        }
        return text
    }

    func int(_ key: String, range: ClosedRange<Int>) -> Int? {
        guard let value = node(key) else { return nil }
        guard value.isPlain, let text = value.string, let number = Int(text) else {
            problems.add(child(key), "expected a whole number, found \(value.describe)", mark: value.mark)
            return nil
        }
        guard range.contains(number) else {
            problems.add(child(key), "\(number) is out of range (\(range.lowerBound)-\(range.upperBound))", mark: value.mark)
            return nil
        }
        return number
    }

    func bool(_ key: String) -> Bool? {
        guard let value = node(key) else { return nil }
        guard value.isPlain, let text = value.string?.lowercased(), ["true", "false"].contains(text) else {
            problems.add(child(key), "expected true or false, found \(value.describe)", mark: value.mark)
            return nil
        }
        return text == "true"
    }

    func size(_ key: String, required: Bool = false) -> ByteSize? {
        guard let text = string(key, required: required) else { return nil }
        guard let size = ByteSize(text), size.bytes > 0 else {
            problems.add(child(key), "\(text.quotedForMessage) is not a size (e.g. 512M, 8G, 1.5T, 300GiB)")
            return nil
        }
        return size
    }

    func address(_ key: String, required: Bool = false) -> IPAddress? {
        guard let text = string(key, required: required) else { return nil }
        guard let address = IPAddress(text) else {
            problems.add(child(key), "\(text.quotedForMessage) is not an IPv4 or IPv6 address")
            return nil
        }
        return address
    }

    func network(_ key: String, required: Bool = false) -> IPNetwork? {
        guard let text = string(key, required: required) else { return nil }
        switch IPNetwork.parse(text) {
        case .success(let network): return network
        case .failure(let error):
            problems.add(child(key), error.description)
            return nil
        }
    }

    func choice<T: RawRepresentable & CaseIterable>(_ key: String, _ type: T.Type, required: Bool = false) -> T? where T.RawValue == String {
        guard let text = string(key, required: required) else { return nil }
        guard let value = T(rawValue: text) else {
            let allowed = T.allCases.map(\.rawValue)
            let hint = Suggestion.closest(to: text, in: allowed).map { "did you mean '\($0)'? " } ?? ""
            problems.add(child(key), "\(text.quotedForMessage) is not allowed; \(hint)(one of: \(allowed.joined(separator: ", ")))")
            return nil
        }
        return value
    }

    /// The items of a list under `key`, each with its path (`key[i]`).
    func list(_ key: String) -> [(path: String, node: YAMLNode)] {
        guard let value = node(key) else { return [] }
        guard value.kind == .sequence else {
            problems.add(child(key), "expected a list, found \(value.kindName)", mark: value.mark)
            return []
        }
        let listPath = child(key)
        return (0..<value.count).map { index in ("\(listPath)[\(index)]", value.item(index)) }
    }

    /// A list of plain strings (tags).
    func strings(_ key: String) -> [String] {
        list(key).compactMap { path, node in
            guard let text = node.string else {
                problems.add(path, "expected text, found \(node.kindName)", mark: node.mark)
                return nil
            }
            return text
        }
    }

    /// A mapping of text to text (attributes).
    func dictionary(_ key: String) -> [String: String] {
        guard let value = node(key) else { return [:] }
        guard value.kind == .mapping else {
            problems.add(child(key), "expected a mapping of text to text, found \(value.kindName)", mark: value.mark)
            return [:]
        }
        var result: [String: String] = [:]
        for pair in 0..<value.count {
            guard let name = value.key(pair).string, let text = value.value(pair).string else {
                problems.add(child(key), "attribute values must be text", mark: value.value(pair).mark)
                continue
            }
            result[name] = text
        }
        return result
    }
}

extension String {
    /// Longer values are quoted by their start and their length.
    static let maximumQuoted = 60

    /// The value in single quotes for a message; a long one cut, with its length.
    var quotedForMessage: String {
        guard count > String.maximumQuoted else { return "'\(self)'" }
        return "'\(prefix(String.maximumQuoted))...' (\(count) characters)"
    }
}
