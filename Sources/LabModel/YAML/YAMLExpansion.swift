/// How much a YAML document holds once its aliases are expanded, and the text that labdb
/// cannot store, counted while the document is composed. A reader that walked the document
/// would meet an anchored value once per alias ("billion laughs": 20,000 aliases of a
/// 100 KB value are 2 GB of work), so each anchored node is sized once, when it ends, and
/// each alias counts its anchor's size in O(1).
struct YAMLExpansion {
    /// More aliases than this in one file are refused.
    static let maximumAliases = 10_000
    /// The expanded text may exceed the file's own size by at most this many bytes.
    static let maximumGrowth = 1 << 20
    /// NUL characters reported, at most.
    static let maximumNULFindings = 20

    /// What refuses the file, with where it was found.
    enum Finding {
        case tooManyAliases(limit: Int, mark: YAMLMark)
        case tooLarge(bytes: Int, limit: Int, mark: YAMLMark)
        case nul(mark: YAMLMark)
    }

    private(set) var aliases = 0
    private(set) var expandedBytes = 0
    private(set) var findings: [Finding] = []
    private let limit: Int
    /// Once the file is refused for its size or aliases, nothing more is counted (so that
    /// sizes cannot grow without bound).
    private(set) var exceeded = false

    /// Counts for a file of `textBytes` bytes.
    init(textBytes: Int) {
        limit = textBytes + YAMLExpansion.maximumGrowth
    }

    /// A scalar of `bytes` bytes at `mark`, holding a NUL or not; returns its expanded size.
    mutating func scalar(bytes: Int, hasNUL: Bool, at mark: YAMLMark) -> Int {
        if exceeded { return 0 }
        expandedBytes += bytes
        if hasNUL, findings.count < YAMLExpansion.maximumNULFindings { findings.append(.nul(mark: mark)) }
        checkSize(at: mark)
        return bytes
    }

    /// An alias at `mark` of a node whose expanded size is `size`; returns that size.
    mutating func alias(size: Int, at mark: YAMLMark) -> Int {
        if exceeded { return 0 }
        aliases += 1
        expandedBytes += size
        if aliases > YAMLExpansion.maximumAliases {
            refuse(.tooManyAliases(limit: YAMLExpansion.maximumAliases, mark: mark))
        } else {
            checkSize(at: mark)
        }
        return exceeded ? 0 : size
    }

    /// A list or mapping that ended at `mark`, its children's expanded sizes summed.
    mutating func container(size: Int, at mark: YAMLMark) -> Int {
        if exceeded { return 0 }
        checkSize(at: mark)
        return exceeded ? 0 : size
    }

    private mutating func checkSize(at mark: YAMLMark) {
        if expandedBytes > limit { refuse(.tooLarge(bytes: expandedBytes, limit: limit, mark: mark)) }
    }

    private mutating func refuse(_ finding: Finding) {
        findings.append(finding)
        exceeded = true
    }
}

extension YAMLExpansion.Finding {
    /// The problem's sentence and where it points.
    var problem: (message: String, mark: YAMLMark) {
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
