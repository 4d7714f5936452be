import Yams

/// How much a composed YAML document holds once its aliases are expanded, and the text
/// that labdb cannot store. A reader that walked the tree would meet an anchored value
/// once per alias ("billion laughs": 20,000 aliases of a 100 KB value are 2 GB of work),
/// so this walk sizes each anchored node once and counts each alias in O(1).
struct YAMLExpansion {
    /// More aliases than this in one file are refused.
    static let maximumAliases = 10_000
    /// The expanded text may exceed the file's own size by at most this many bytes.
    static let maximumGrowth = 1 << 20

    /// What the walk found that refuses the file, with where it was found.
    enum Finding {
        case tooManyAliases(limit: Int, mark: Mark?)
        case tooLarge(bytes: Int, limit: Int, mark: Mark?)
        case nul(mark: Mark?)
    }

    private(set) var aliases = 0
    private(set) var expandedBytes = 0
    private(set) var findings: [Finding] = []
    private let limit: Int
    private var sizes: [ObjectIdentifier: Int] = [:]

    /// Walks `root` (composed by a parser that is still alive, so that anchors are shared
    /// objects) for a file of `textBytes` bytes.
    init(_ root: Node, textBytes: Int) {
        limit = textBytes + YAMLExpansion.maximumGrowth
        _ = size(of: root)
    }

    /// Whether the walk must stop: the file is refused already.
    private var exceeded: Bool {
        findings.contains { if case .nul = $0 { return false } else { return true } }
    }

    private mutating func size(of node: Node) -> Int {
        if exceeded { return 0 }
        let anchor = YAMLExpansion.anchor(of: node)
        if let anchor, let known = sizes[ObjectIdentifier(anchor)] {
            aliases += 1
            expandedBytes += known
            if aliases > YAMLExpansion.maximumAliases {
                findings.append(.tooManyAliases(limit: YAMLExpansion.maximumAliases, mark: node.mark))
            } else if expandedBytes > limit {
                findings.append(.tooLarge(bytes: expandedBytes, limit: limit, mark: node.mark))
            }
            return known
        }
        var total = 0
        switch node {
        case .scalar(let scalar):
            total = scalar.string.utf8.count
            expandedBytes += total
            if scalar.string.utf8.contains(0), findings.count < 20 { findings.append(.nul(mark: scalar.mark)) }
        case .sequence(let sequence):
            for item in sequence { total += size(of: item) }
        case .mapping(let mapping):
            for (key, value) in mapping { total += size(of: key) + size(of: value) }
        case .alias:
            break
        }
        if !exceeded, expandedBytes > limit { findings.append(.tooLarge(bytes: expandedBytes, limit: limit, mark: node.mark)) }
        if let anchor { sizes[ObjectIdentifier(anchor)] = total }
        return total
    }

    private static func anchor(of node: Node) -> Anchor? {
        switch node {
        case .scalar(let scalar): return scalar.anchor
        case .sequence(let sequence): return sequence.anchor
        case .mapping(let mapping): return mapping.anchor
        case .alias: return nil
        }
    }
}

extension YAMLExpansion.Finding {
    /// The problem's sentence and where it points.
    var problem: (message: String, mark: Mark?) {
        switch self {
        case .tooManyAliases(let limit, let mark):
            return ("the file uses more than \(limit) aliases (*name); write the values out or use fewer aliases", mark)
        case .tooLarge(let bytes, let limit, let mark):
            return ("the file's aliases expand it to more than \(limit) bytes (\(bytes) so far); write the values out or use fewer aliases", mark)
        case .nul(let mark):
            return ("the text holds a NUL character (byte 0, written \\0), which labdb cannot store; remove it", mark)
        }
    }
}
