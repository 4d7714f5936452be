/// Turns labdb names into Ansible group names: valid, predictable and without collisions.
///
/// A group name is a prefix that says where it comes from (`cluster_`, `tag_`, `range_`)
/// plus the object's name, lower-cased, with every character other than a letter, digit
/// or `_` replaced by `_` (`k8s-workers` → `tag_k8s_workers`). When two objects would get
/// the same group name, the one whose name needed no change keeps it (ties: the smaller
/// source key); each other one gets `_` and eight hex digits of a hash of its source key
/// appended, so its name does not depend on the order of anything.
public struct AnsibleGroupNaming: Sendable {
    /// One wanted group: a unique source key (e.g. `tag:k8s-a`) and the name it asks for.
    public struct Request: Sendable, Hashable {
        /// Unique among all requests, e.g. `cluster:prod` or `tag:K8s`.
        public let key: String
        /// The sanitised name it would like.
        public let name: String
        /// Whether sanitising changed the object's name (changed names yield to unchanged ones).
        public let changed: Bool

        public init(key: String, name: String, changed: Bool) {
            self.key = key; self.name = name; self.changed = changed
        }
    }

    /// The final name of each request, by key.
    public let names: [String: String]

    /// Resolves `requests`; names in `reserved` are never handed out (e.g. `all`).
    public init(_ requests: [Request], reserved: Set<String> = []) {
        var byName: [String: [Request]] = [:]
        for request in requests { byName[request.name, default: []].append(request) }
        var taken = reserved.union(byName.keys)
        var names: [String: String] = [:]
        for name in byName.keys.sorted() {
            let ordered = byName[name]!.sorted { ($0.changed ? 1 : 0, $0.key) < ($1.changed ? 1 : 0, $1.key) }
            for (index, request) in ordered.enumerated() {
                if index == 0 && !reserved.contains(name) {
                    names[request.key] = name
                    continue
                }
                var salt = 0
                var candidate: String
                repeat {
                    candidate = name + "_" + AnsibleGroupNaming.hash(salt == 0 ? request.key : "\(request.key)#\(salt)")
                    salt += 1
                } while taken.contains(candidate)
                taken.insert(candidate)
                names[request.key] = candidate
            }
        }
        self.names = names
    }

    /// `prefix` + the sanitised `name`, and whether sanitising changed `name`.
    public static func sanitize(_ name: String, prefix: String) -> (name: String, changed: Bool) {
        var out = prefix
        var changed = false
        for scalar in name.unicodeScalars {
            switch scalar {
            case "a"..."z", "0"..."9", "_": out.unicodeScalars.append(scalar)
            case "A"..."Z":
                out.unicodeScalars.append(Unicode.Scalar(scalar.value + 32)!)
                changed = true
            default:
                out.append("_")
                changed = true
            }
        }
        return (out, changed)
    }

    /// Eight hex digits of the 32-bit FNV-1a hash of `text`'s UTF-8 bytes (stable across runs and platforms).
    static func hash(_ text: String) -> String {
        var value: UInt32 = 2_166_136_261
        for byte in text.utf8 {
            value ^= UInt32(byte)
            value = value &* 16_777_619
        }
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: 8 - hex.count) + hex
    }
}
