import LabIP
import LabStore

extension LabImporter {
    /// Rebuilds the runs of allocated addresses that the import's writes to `addresses` made
    /// stale (the triggers of migration 0002 mark them), inside the import's transaction, so
    /// that read-only listings after an import use the runs instead of walking addresses.
    func refreshAddressRuns() throws {
        let runs = AddressRunIndex(database: db)
        for family in IPFamily.allCases { try runs.refreshIfStale(family) }
    }
}
