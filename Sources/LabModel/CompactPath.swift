/// A key path (`vms[3].addresses[0]`) kept as the parts before and after its last '.'.
///
/// Swift keeps text of up to 15 bytes inside the string value itself; a lab file's longer
/// paths (a disk's, an address's) almost always split into two such parts. A large file
/// notes a path for every object, and as whole strings they took an allocation each.
struct CompactPath: CustomStringConvertible, Sendable {
    private let head: String
    /// Empty when the path was not split.
    private let tail: String

    init(_ path: String) {
        if let dot = path.utf8.lastIndex(of: UInt8(ascii: ".")), path.utf8.index(after: dot) != path.utf8.endIndex {
            head = String(path[..<dot])
            tail = String(path[path.utf8.index(after: dot)...])
        } else {
            head = path
            tail = ""
        }
    }

    var description: String { tail.isEmpty ? head : head + "." + tail }
}
