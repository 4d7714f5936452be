import LabIP
import Testing
@testable import LabModel
import LabTestSupport

/// `Lab.normalize()` sorts by keys computed once; the comparisons it replaced stay here as
/// the oracle, on names that differ only in case, that are prefixes of one another, and
/// that repeat (where the original order must be kept).
@Suite("Lab order")
struct LabNormalizeTests {
    @Test("machines, pools, nodes and records come out in the order of the former comparisons")
    func sameOrderAsComparisons() {
        var random = SplitMix64(seed: 0x5027)
        let parts = ["a", "A", "ab", "aB", "b", "B", "a-", "a.", "a0", "z", "Z9", ""]
        func name() -> String {
            var text = ""
            for _ in 0..<Int.random(in: 1...3, using: &random) { text += parts.randomElement(using: &random)! }
            return text.isEmpty ? "x" : text
        }
        for _ in 0..<200 {
            var lab = Lab()
            for index in 0..<Int.random(in: 0...40, using: &random) {
                lab.pools.append(Pool(host: name(), name: name(), type: .dir, size: ByteSize(bytes: Int64(index + 1)), thin: false))
                lab.nodes.append(ClusterNode(cluster: name(), machine: name(), role: index % 2 == 0 ? .worker : .controlPlane))
                lab.records.append(Record(zone: name() + ".lan", name: name(), type: .a, value: "10.0.0.\(index % 3)", view: index % 2 == 0 ? .internal : .public))
            }
            let pools = lab.pools.enumerated().sorted {
                let l = ($0.element.host.lowercased(), $0.element.name.lowercased()), r = ($1.element.host.lowercased(), $1.element.name.lowercased())
                return l < r || (l == r && $0.offset < $1.offset)
            }.map(\.element)
            let nodes = lab.nodes.enumerated().sorted {
                let l = ($0.element.cluster.lowercased(), $0.element.machine.lowercased()), r = ($1.element.cluster.lowercased(), $1.element.machine.lowercased())
                return l < r || (l == r && $0.offset < $1.offset)
            }.map(\.element)
            let records = lab.records.enumerated().sorted {
                $0.element.sortKey.lexicographicallyPrecedes($1.element.sortKey)
                    || ($0.element.sortKey == $1.element.sortKey && $0.offset < $1.offset)
            }.map(\.element)
            lab.normalize()
            #expect(lab.pools == pools)
            #expect(lab.nodes == nodes)
            #expect(lab.records == records)
        }
    }
}
