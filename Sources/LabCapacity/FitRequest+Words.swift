import LabIP
import LabModel

extension FitRequest {
    /// The keys a request written as words accepts, each followed by its value.
    public static let wordKeys = ["cpu", "ram", "disk", "count", "range", "host"]

    /// Parses a request written as key-value words, for the query language and scripts:
    /// `cpu 4 ram 12G disk 50G@local-lvm disk 300G@longhorn-pool count 3 range prod`.
    /// Keys may also be written as flags (`--cpu 4`); `disk` and `host` may repeat.
    public init(words: [String]) throws(CapacityError) {
        var cpus: Int?, ram: ByteSize?, count = 1, range: String?
        var disks: [DiskRequest] = [], hosts: [String] = []
        var index = 0
        while index < words.count {
            var key = words[index].lowercased()
            while key.hasPrefix("-") { key.removeFirst() }
            guard Self.wordKeys.contains(key) else {
                let hint = Suggestion.closest(to: key, in: Self.wordKeys).map { " (did you mean '\($0)'?)" } ?? ""
                throw CapacityError.invalidShape("unknown word '\(words[index])'\(hint); expected one of \(Self.wordKeys.joined(separator: ", "))")
            }
            guard index + 1 < words.count else { throw CapacityError.invalidShape("'\(key)' needs a value") }
            let value = words[index + 1]
            switch key {
            case "cpu":
                guard let number = Int(value) else { throw CapacityError.invalidShape("cpu '\(value)' is not a whole number") }
                cpus = number
            case "ram":
                guard let size = ByteSize(value) else { throw CapacityError.invalidShape("ram '\(value)' is not a size; write e.g. 12G or 512M") }
                ram = size
            case "disk": disks.append(try DiskRequest(parsing: value))
            case "count":
                guard let number = Int(value) else { throw CapacityError.invalidShape("count '\(value)' is not a whole number") }
                count = number
            case "range": range = value
            default: hosts.append(value)
            }
            index += 2
        }
        guard let cpus else { throw CapacityError.invalidShape("say how many vCPUs: cpu N") }
        guard let ram else { throw CapacityError.invalidShape("say how much RAM: ram SIZE") }
        self.init(shape: VMShape(cpus: cpus, ram: ram, disks: disks), count: count, range: range, hosts: hosts)
    }
}
