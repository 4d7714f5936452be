import LabIP
import LabModel

extension FitResult {
    /// The answer as sections: `summary` (one record), `placements`, `hosts`, `resources`, `totals`, `notes`.
    public func document() -> CapacityDocument {
        CapacityDocument(sections: [
            CapacitySection(name: "summary", title: "FIT", table: summaryTable(), isRecord: true),
            CapacitySection(name: "placements", title: "PLACEMENTS", table: placementsTable()),
            CapacitySection(name: "hosts", title: "HOSTS (VMs of this shape each host takes)", table: hostsTable()),
            CapacitySection(name: "resources", title: "RESOURCES (per host, before placing)", table: resourcesTable()),
            CapacitySection(name: "totals", title: "TOTALS (VMs of this shape each resource alone allows)", table: totalsTable()),
            CapacitySection(name: "notes", title: "NOTES", table: ResultTable(columns: ["note"], rows: notes.map { [.text($0)] })),
        ])
    }

    /// One row: the verdict and its figures.
    public func summaryTable() -> ResultTable {
        ResultTable(
            columns: ["fits", "verdict", "shape", "requested", "placed", "total_that_fit", "more_after_request", "runs_out_first",
                      "range", "range_free"],
            rows: [[.bool(fits), .text(verdict), .text(request.shape.description), .int(Int64(request.count)),
                    .int(Int64(placements.count)), .int(Int64(totalThatFit)), .int(Int64(moreAfterRequest)),
                    .list(runsOutFirst.map(\.description)), range.map { .text($0.range) } ?? .null,
                    range.map { Cell.count($0.free) } ?? .null]])
    }

    /// The host of each placed VM.
    public func placementsTable() -> ResultTable {
        ResultTable(columns: ["vm", "host"], rows: placements.enumerated().map { [.int(Int64($0.offset + 1)), .text($0.element)] })
    }

    /// Per host: how many of the shape it takes, how many were placed, what limits it.
    public func hostsTable() -> ResultTable {
        ResultTable(columns: ["host", "cores", "fits_before", "placed", "fits_after", "limited_by", "excluded"],
                    rows: hosts.map { host in
                        [.text(host.host), .int(Int64(host.cores)), .int(Int64(host.fitsBefore)), .int(Int64(host.placed)),
                         .int(Int64(host.fitsAfter)), .list(host.limitedBy.map(\.description)), host.excluded.map(Cell.text) ?? .null]
                    })
    }

    /// Per host and resource: limit, committed, headroom, per VM, and how many VMs that allows.
    public func resourcesTable() -> ResultTable {
        var table = ResultTable(columns: ["host", "resource", "limit", "committed", "headroom", "per_vm", "fits"])
        for host in hosts {
            for item in host.resources {
                let bytes = item.resource.isBytes
                func amount(_ value: Int64) -> Cell { bytes ? .size(value) : .int(value) }
                table.rows.append([.text(host.host), .text(item.resource.description), amount(item.limit), amount(item.committed),
                                   amount(item.headroom), amount(item.perVM), .int(Int64(item.fits == Int.max ? -1 : item.fits))])
            }
        }
        return table
    }

    /// Per resource: how many VMs of the shape it alone allows, over the hosts that can take the shape.
    public func totalsTable() -> ResultTable {
        let first = Set(runsOutFirst)
        return ResultTable(columns: ["resource", "fits", "runs_out_first"],
                           rows: resourceTotals.map { [.text($0.resource.description), .int(Int64($0.fits)), .bool(first.contains($0.resource))] })
    }
}
