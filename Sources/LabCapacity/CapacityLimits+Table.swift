import LabModel

extension CapacityLimits {
    /// The limits as a one-row table.
    public func table() -> ResultTable {
        ResultTable(columns: ["vcpu_target", "vcpu_warn", "vcpu_max", "ram_ratio", "ram_reserve_default", "thin_warn_pct",
                              "thin_critical_pct", "range_warn_pct"],
                    rows: [[Cell.rounded(vcpuTarget), Cell.rounded(vcpuWarn), Cell.rounded(vcpuMax), Cell.rounded(ramRatio),
                            .size(defaultRamReserve.bytes), Cell.rounded(thinWarn * 100), Cell.rounded(thinCritical * 100),
                            Cell.rounded(rangeWarn * 100)]])
    }
}
