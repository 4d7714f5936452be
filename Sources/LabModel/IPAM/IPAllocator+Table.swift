extension IPAllocator.Allocated {
    /// Allocations as the table `labdb ip allocate --format json` prints and the API returns.
    public static func table(_ items: [IPAllocator.Allocated]) -> ResultTable {
        ResultTable(columns: ["address", "holder", "range", "prefix"], rows: items.map {
            [.text($0.address.description), .text($0.holder), $0.range.map(Cell.text) ?? .null, .text($0.prefix.description)]
        })
    }
}
