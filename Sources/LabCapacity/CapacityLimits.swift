import LabIP

/// The thresholds capacity planning compares committed resources with.
///
/// Defaults follow OpenStack Nova and RHEL guidance (see docs): vCPUs are placed up to
/// 4 per core, a host above 5:1 draws a warning and above 10:1 is critical; RAM is not
/// overcommitted once the host's reserve is taken off; a thin pool warns at 80% of its
/// size allocated and is critical at 90%.
public struct CapacityLimits: Sendable, Hashable {
    /// vCPUs per core that placement (`capacity fit`) fills a host up to.
    public var vcpuTarget: Double
    /// vCPUs per core above which a host draws a warning.
    public var vcpuWarn: Double
    /// vCPUs per core above which a host is critical; `fit` never places beyond it.
    public var vcpuMax: Double
    /// RAM committed per byte available after the reserve (1 = no overcommit).
    public var ramRatio: Double
    /// The reserve of a host that records none (`ram_reserve:` in the lab file wins).
    public var defaultRamReserve: ByteSize
    /// Fraction of a thin pool's size allocated at which it warns; `fit` fills thin pools up to it.
    public var thinWarn: Double
    /// Fraction of a thin pool's size allocated at which it is critical.
    public var thinCritical: Double
    /// Fraction of a range used at which it warns.
    public var rangeWarn: Double

    /// The defaults: 4:1 target, warn 5:1, max 10:1, RAM 1:1 after a 1 GiB reserve, thin pools 80%/90%, ranges 90%.
    public init(vcpuTarget: Double = 4, vcpuWarn: Double = 5, vcpuMax: Double = 10, ramRatio: Double = 1,
                defaultRamReserve: ByteSize = ByteSize(bytes: 1 << 30), thinWarn: Double = 0.8, thinCritical: Double = 0.9,
                rangeWarn: Double = 0.9) {
        self.vcpuTarget = vcpuTarget; self.vcpuWarn = vcpuWarn; self.vcpuMax = vcpuMax; self.ramRatio = ramRatio
        self.defaultRamReserve = defaultRamReserve; self.thinWarn = thinWarn; self.thinCritical = thinCritical
        self.rangeWarn = rangeWarn
    }

    /// Throws when the limits contradict each other (a target above the maximum, a warning above critical).
    public func validate() throws(CapacityError) {
        func check(_ ok: Bool, _ message: String) throws(CapacityError) {
            if !ok { throw CapacityError.invalidLimits(message) }
        }
        try check(vcpuTarget > 0 && vcpuWarn > 0 && vcpuMax > 0, "vCPU ratios must be above 0")
        try check(vcpuTarget <= vcpuMax, "the vCPU target \(Self.ratio(vcpuTarget)) is above the maximum \(Self.ratio(vcpuMax)); lower --vcpu-target or raise --vcpu-max")
        try check(vcpuWarn <= vcpuMax, "the vCPU warning level \(Self.ratio(vcpuWarn)) is above the maximum \(Self.ratio(vcpuMax))")
        try check(ramRatio > 0, "the RAM ratio must be above 0")
        try check(defaultRamReserve.bytes >= 0, "the RAM reserve cannot be negative")
        try check(thinWarn > 0 && thinCritical > 0, "thin pool levels must be above 0%")
        try check(thinWarn <= thinCritical, "the thin pool warning level \(Self.percent(thinWarn)) is above the critical level \(Self.percent(thinCritical))")
        try check(rangeWarn > 0, "the range warning level must be above 0%")
    }

    /// `4:1`, `4.5:1`.
    static func ratio(_ value: Double) -> String { "\(Self.number(value)):1" }

    /// `80%`, `92.5%`.
    static func percent(_ fraction: Double) -> String { "\(Self.number(fraction * 100))%" }

    /// A figure with at most two decimals and no trailing `.0`.
    static func number(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        return rounded == rounded.rounded() && abs(rounded) < 1e15 ? String(Int64(rounded)) : String(rounded)
    }
}
