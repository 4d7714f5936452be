import LabIP

extension CapacityReport {
    /// The limits crossed by `hosts`, `pools` and `ranges`, most serious first.
    static func findings(hosts: [HostUsage], pools: [PoolUsage], ranges: [RangeUsage], limits: CapacityLimits) -> [CapacityFinding] {
        var found: [CapacityFinding] = []
        for host in hosts {
            found += hostFindings(host, limits: limits)
        }
        for pool in pools {
            let object = "\(pool.host)/\(pool.name)"
            let figures = "\(ByteSize(bytes: pool.allocated)) allocated of \(pool.size) (\(CapacityLimits.percent(pool.fraction)))"
            if pool.thin {
                if pool.fraction >= limits.thinCritical {
                    found.append(.init(level: .critical, object: object, message: "thin pool at or above the critical level \(CapacityLimits.percent(limits.thinCritical)): \(figures); grow the pool or move disks"))
                } else if pool.fraction >= limits.thinWarn {
                    found.append(.init(level: .warning, object: object, message: "thin pool at or above the warning level \(CapacityLimits.percent(limits.thinWarn)): \(figures)"))
                }
            } else if pool.allocated > pool.size.bytes {
                found.append(.init(level: .critical, object: object, message: "thick pool allocated beyond its size: \(figures); check the disks' sizes and pools"))
            }
        }
        for range in ranges {
            let object = "range \(range.name)"
            if range.free == 0 {
                found.append(.init(level: .critical, object: object, message: "range is full: all \(AddressCount.format(range.size)) addresses are allocated"))
            } else if range.fraction >= limits.rangeWarn {
                found.append(.init(level: .warning, object: object, message: "\(AddressCount.format(range.used)) of \(AddressCount.format(range.size)) addresses allocated (\(CapacityLimits.percent(range.fraction))), \(AddressCount.format(range.free)) free"))
            }
        }
        // Stable: most serious first, then in the order found (hosts, pools, ranges).
        return found.enumerated().sorted { ($0.element.level, $1.offset) > ($1.element.level, $0.offset) }.map(\.element)
    }

    static func hostFindings(_ host: HostUsage, limits: CapacityLimits) -> [CapacityFinding] {
        var found: [CapacityFinding] = []
        if !host.enabled {
            found.append(.init(level: .note, object: host.name, message: "host is disabled; it is never chosen for new VMs"))
        }
        if host.isVMHost && !host.hasResources {
            let missing = [host.cores == nil ? "cpus" : nil, host.ram == nil ? "ram" : nil].compactMap { $0 }.joined(separator: " and ")
            found.append(.init(level: .note, object: host.name, message: "no \(missing) recorded, so its capacity is unknown; set \(missing) in the lab file"))
        }
        if let cores = host.cores, let ratio = host.vcpuRatio {
            let figures = "\(host.vcpusCommitted) vCPUs on \(cores) cores (\(CapacityLimits.ratio(ratio)))"
            if ratio > limits.vcpuMax {
                found.append(.init(level: .critical, object: host.name, message: "\(figures) is above the maximum \(CapacityLimits.ratio(limits.vcpuMax))"))
            } else if ratio > limits.vcpuWarn {
                found.append(.init(level: .warning, object: host.name, message: "\(figures) is above the warning level \(CapacityLimits.ratio(limits.vcpuWarn))"))
            }
        }
        if let available = host.ramAvailable, let ram = host.ram {
            let limit = Int64((Double(available) * limits.ramRatio).rounded(.down))
            if host.ramCommitted > limit {
                found.append(.init(level: .critical, object: host.name, message: "RAM overcommitted: \(ByteSize(bytes: host.ramCommitted)) committed, \(ByteSize(bytes: limit)) allowed (\(ram) minus a \(host.reserve) reserve, ratio \(CapacityLimits.ratio(limits.ramRatio)))"))
            }
        }
        return found
    }

    /// The worst level among the findings about `object` (the host itself, not its pools).
    public func level(of object: String) -> CapacityFinding.Level? {
        findings.filter { $0.object.caseInsensitiveEquals(object) && $0.level != .note }.map(\.level).max()
    }
}
