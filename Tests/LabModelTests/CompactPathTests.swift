import LabTestSupport
import Testing
@testable import LabModel

/// Paths noted for every object of a lab file are kept in two parts; they must read back
/// exactly as written, whatever the keys hold.
@Suite("Compact key paths")
struct CompactPathTests {
    @Test("paths read back exactly, including keys with dots, empty parts and long text", arguments: [
        "", "vms[3]", "vms[1234].addresses[0]", "hosts[0].pools[1]", "zones[0].records[40000]",
        ".", "a.", ".a", "a..b", "groups[2].vars.ansible.user", "a very long key with spaces and ünïcödé.and more[7]",
    ])
    func roundTrip(_ path: String) {
        #expect(CompactPath(path).description == path)
    }

    @Test("random paths read back exactly")
    func randomRoundTrip() {
        var random = SplitMix64(seed: 17)
        let alphabet = Array("ab.[]0é. ")
        for _ in 0..<5_000 {
            let length = Int(random.next() % 40)
            let path = String((0..<length).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] })
            #expect(CompactPath(path).description == path, "\(path)")
        }
    }
}
