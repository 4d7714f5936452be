import Testing
@testable import LabIP

@Suite("Byte sizes")
struct ByteSizeTests {
    @Test("binary units parse", arguments: [("512M", Int64(512) << 20), ("8G", Int64(8) << 30), ("1.5T", Int64(3) << 39),
                                            ("300GiB", Int64(300) << 30), ("4096", Int64(4096)), ("2 TB", Int64(2) << 40)])
    func parses(text: String, bytes: Int64) {
        #expect(ByteSize(text)?.bytes == bytes)
    }

    @Test("bad sizes are refused", arguments: ["", "G", "8X", "1.2.3G", "-5G", "0.3B"])
    func refuses(text: String) {
        #expect(ByteSize(text) == nil)
    }

    @Test("sizes print in binary units")
    func prints() {
        #expect(ByteSize(bytes: 8 << 30).description == "8 GiB")
        #expect(ByteSize(bytes: 3 << 39).description == "1.5 TiB")
        #expect(ByteSize(bytes: 512).description == "512 B")
        #expect(ByteSize(bytes: 1536 << 20).compact == "1536M")
        #expect(ByteSize(bytes: 4 << 40).compact == "4T")
    }

    @Test("whole units print as the one-decimal rounding prints them")
    func wholeUnitsPrintLikeTheRounding() {
        for (index, unit) in ["KiB", "MiB", "GiB", "TiB", "PiB"].enumerated() {
            let shift = Int64(10 * (index + 1))
            for count: Int64 in [1, 2, 7, 512, 1023, -1, -3] where index < 4 || abs(count) < 8192 {
                let bytes = count << shift
                let rounded = ((Double(bytes) / Double(Int64(1) << shift)) * 10).rounded() / 10
                #expect(ByteSize(bytes: bytes).description == "\(Int64(rounded)) \(unit)")
                #expect(ByteSize(bytes: bytes).description == "\(count) \(unit)")
            }
        }
        #expect(ByteSize(bytes: (8 << 30) + 1).description == "8 GiB", "a byte over rounds to the unit")
        #expect(ByteSize(bytes: (3 << 29) + 1).description == "1.5 GiB")
    }
}
