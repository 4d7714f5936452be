import Foundation
import LabStore
import LabTestSupport
import Testing
@testable import LabModel

/// SHA-256 against the standard's vectors and sha256sum, and the token store's rules.
@Suite("API tokens")
struct TokenTests {
    @Test("SHA-256 matches the FIPS 180-4 test vectors")
    func vectors() {
        #expect(SHA256.hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256.hex(String(repeating: "a", count: 1_000_000)) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test("SHA-256 agrees with sha256sum at every length around the block boundaries")
    func againstSha256sum() throws {
        for length in [1, 55, 56, 57, 63, 64, 65, 119, 120, 128, 1000] {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ 7) }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
            let input = Pipe(), output = Pipe()
            process.standardInput = input
            process.standardOutput = output
            try process.run()
            input.fileHandleForWriting.write(Data(bytes))
            try input.fileHandleForWriting.close()
            let answer = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).prefix(64)
            process.waitUntilExit()
            let ours = SHA256.digest(bytes).map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
            #expect(ours == answer, "length \(length)")
        }
    }

    @Test("a token is stored only as its digest, verifies with its scope, and stops working when revoked or expired")
    func lifecycle() throws {
        let folder = try TemporaryFolder()
        let db = try LabDatabase.open(path: folder.file("lab.db"))
        let store = TokenStore(database: db)
        let context = ChangeContext(user: "alice", command: "labdb token create ci --scope write")
        let (token, stored) = try store.create(name: "ci", scope: .write, context: context)
        #expect(token.hasPrefix("labdb_") && token.count == 49)
        #expect(stored.scope == .write && stored.createdBy == "alice")
        let rows = try db.query("SELECT * FROM api_tokens")
        #expect(rows.count == 1)
        #expect(!rows[0].values.contains { $0.string?.contains(token.dropFirst(6)) == true })
        #expect(try store.verify(token) == .valid(name: "ci", scope: .write))
        #expect(try store.verify(token + "x") == .unknown)
        #expect(try store.verify(String(token.dropLast())) == .unknown)
        #expect(throws: TokenError.duplicate(name: "CI")) { try store.create(name: "CI", scope: .read, context: context) }
        #expect(throws: TokenError.invalidName("a b")) { try store.create(name: "a b", scope: .read, context: context) }

        let (short, _) = try store.create(name: "short", scope: .read, expiresIn: 60, context: context, now: Date(timeIntervalSinceNow: -120))
        #expect(try store.verify(short) == .expired(name: "short"))

        #expect(throws: TokenError.unknown(name: "cj", suggestion: "ci")) { try store.revoke(name: "cj", context: context) }
        try store.revoke(name: "ci", context: context)
        #expect(try store.verify(token) == .unknown)

        let history = try db.query("SELECT operation, object, before, after FROM changes WHERE table_name = 'api_tokens' ORDER BY id")
        #expect(history.map { $0.string("operation") ?? "" } == ["insert", "insert", "delete"])
        #expect(history.allSatisfy { row in row.values.allSatisfy { $0.string?.contains(token.dropFirst(6)) != true } })
        #expect(try db.query("SELECT os_user FROM change_sets").allSatisfy { $0.string("os_user") == "alice" })
    }

    @Test("scopes include the ones below them; expiries parse as days, hours and minutes")
    func scopesAndExpiries() throws {
        #expect(TokenScope.admin.allows(.write) && TokenScope.write.allows(.read) && !TokenScope.read.allows(.write) && !TokenScope.write.allows(.admin))
        #expect(try TokenStore.seconds(in: "90d") == 90 * 86_400)
        #expect(try TokenStore.seconds(in: "12h") == 43_200)
        #expect(try TokenStore.seconds(in: "30m") == 1_800)
        for bad in ["", "90", "d", "-1d", "0h", "1y", "1.5d"] {
            #expect(throws: TokenError.invalidExpiry(bad)) { try TokenStore.seconds(in: bad) }
        }
        #expect(TokenStore.constantTimeEqual([1, 2, 3], [1, 2, 3]) && !TokenStore.constantTimeEqual([1, 2, 3], [1, 2, 4]) && !TokenStore.constantTimeEqual([1], [1, 1]))
    }
}
