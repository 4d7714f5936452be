import LabIP

extension CapacityLimits {
    /// The environment variables that set limits, by the flag they stand for.
    public static let environmentNames: [(variable: String, flag: String)] = [
        ("LABDB_VCPU_TARGET", "--vcpu-target"), ("LABDB_VCPU_WARN", "--vcpu-warn"), ("LABDB_VCPU_MAX", "--vcpu-max"),
        ("LABDB_RAM_RATIO", "--ram-ratio"), ("LABDB_RAM_RESERVE", "--ram-reserve"),
        ("LABDB_THIN_WARN", "--thin-warn"), ("LABDB_THIN_CRITICAL", "--thin-critical"), ("LABDB_RANGE_WARN", "--range-warn"),
    ]

    /// The defaults overridden by the `LABDB_*` variables of `environment` that are set.
    public init(environment: [String: String]) throws(CapacityError) {
        self.init()
        for (variable, flag) in Self.environmentNames {
            if let text = environment[variable], !text.isEmpty { try set(flag: flag, to: text, source: variable) }
        }
    }

    /// Sets the limit that `flag` (e.g. `--vcpu-target`) names from `text`; `source` names where the text came from.
    public mutating func set(flag: String, to text: String, source: String? = nil) throws(CapacityError) {
        let from = source ?? flag
        switch flag {
        case "--vcpu-target": vcpuTarget = try Self.parseRatio(text, from: from)
        case "--vcpu-warn": vcpuWarn = try Self.parseRatio(text, from: from)
        case "--vcpu-max": vcpuMax = try Self.parseRatio(text, from: from)
        case "--ram-ratio": ramRatio = try Self.parseRatio(text, from: from)
        case "--ram-reserve":
            guard let size = ByteSize(text) else { throw CapacityError.invalidLimits("\(from) '\(text)' is not a size; write e.g. 2G or 512M") }
            defaultRamReserve = size
        case "--thin-warn": thinWarn = try Self.parsePercent(text, from: from)
        case "--thin-critical": thinCritical = try Self.parsePercent(text, from: from)
        case "--range-warn": rangeWarn = try Self.parsePercent(text, from: from)
        default: throw CapacityError.invalidLimits("\(flag) is not a capacity limit")
        }
    }

    /// Parses `4`, `4.5` or `4:1` as a ratio.
    static func parseRatio(_ text: String, from: String) throws(CapacityError) -> Double {
        var body = Substring(text)
        if body.hasSuffix(":1") { body = body.dropLast(2) }
        guard let value = Double(body), value.isFinite, value > 0 else {
            throw CapacityError.invalidLimits("\(from) '\(text)' is not a ratio; write e.g. 4 or 4:1")
        }
        return value
    }

    /// Parses `80` or `80%` as the fraction 0.8.
    static func parsePercent(_ text: String, from: String) throws(CapacityError) -> Double {
        var body = Substring(text)
        if body.hasSuffix("%") { body = body.dropLast() }
        guard let value = Double(body), value.isFinite, value > 0, value <= 1000 else {
            throw CapacityError.invalidLimits("\(from) '\(text)' is not a percentage; write e.g. 80 or 80%")
        }
        return value / 100
    }
}
