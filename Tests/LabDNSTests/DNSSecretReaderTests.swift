import Foundation
import LabDNS
import Testing

@Suite("DNS secrets from the environment")
struct DNSSecretReaderTests {
    @Test func variableWinsThenFileThenAClearError() throws {
        let folder = try DNSTempFolder(); defer { folder.remove() }
        let path = folder.file("token")
        try "s3cret-from-file\n".write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, 0o600)
        let variable = SecretReader.cloudflareToken
        #expect(try SecretReader(environment: [variable: "direct", variable + "_FILE": path]).secret(variable, for: "cf") == "direct")
        #expect(try SecretReader(environment: [variable + "_FILE": path]).secret(variable, for: "cf") == "s3cret-from-file")
        #expect(throws: DNSError.missingSecret(target: "cf", variable: variable)) { try SecretReader(environment: [:]).secret(variable, for: "cf") }
    }

    @Test func fileReadableByOthersIsRefusedWithoutShowingIt() throws {
        let folder = try DNSTempFolder(); defer { folder.remove() }
        let path = folder.file("password")
        try "pi-password-xyz".write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, 0o640)
        let variable = SecretReader.piholePassword
        var message = ""
        do { _ = try SecretReader(environment: [variable + "_FILE": path]).secret(variable, for: "pihole") } catch { message = "\(error)" }
        #expect(message.contains("chmod 600 \(path)"))
        #expect(message.contains("640"))
        #expect(!message.contains("pi-password-xyz"))
    }
}
