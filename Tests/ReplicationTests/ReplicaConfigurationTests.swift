import Foundation
import LabReplica
import Testing

/// The configuration labdb writes and reads, without any process.
@Suite("Replica configuration")
struct ReplicaConfigurationTests {
    @Test("the written configuration names the database, the replica and only variables for credentials")
    func writtenConfiguration() throws {
        let target = try ReplicaTarget(bucket: "lab-backups", endpoint: "http://192.168.1.27:9000/", path: "labdb/lab.db")
        let text = target.configuration(for: "/var/lib/labdb/lab.db")
        #expect(text.contains("path: \"/var/lib/labdb/lab.db\""))
        #expect(text.contains("endpoint: \"http://192.168.1.27:9000\""))
        #expect(text.contains("access-key-id: ${LITESTREAM_ACCESS_KEY_ID}"))
        #expect(text.contains("secret-access-key: ${LITESTREAM_SECRET_ACCESS_KEY}"))
        let parsed = try LitestreamConfiguration(text: text, file: "test.yml", environment: [:])
        let entry = try parsed.entry(for: "/var/lib/labdb/lab.db")
        #expect(entry.replica == "s3://lab-backups/labdb/lab.db")
        #expect(entry.endpoint == "http://192.168.1.27:9000")
        #expect(parsed.missingVariables(for: entry, in: [:]) == ["LITESTREAM_ACCESS_KEY_ID", "LITESTREAM_SECRET_ACCESS_KEY"])
        #expect(parsed.missingVariables(for: entry, in: ["LITESTREAM_ACCESS_KEY_ID": "a", "LITESTREAM_SECRET_ACCESS_KEY": "b"]).isEmpty)
    }

    @Test("bad settings are refused with a sentence naming the setting")
    func badSettings() {
        #expect(throws: ReplicationError.self) { try ReplicaTarget(bucket: "Lab_Backups", endpoint: "http://127.0.0.1:9000", path: "x") }
        #expect(throws: ReplicationError.self) { try ReplicaTarget(bucket: "lab", endpoint: "192.168.1.27:9000", path: "x") }
        #expect(throws: ReplicationError.self) { try ReplicaTarget(bucket: "lab", endpoint: "http://127.0.0.1:9000", path: "../x") }
        do {
            _ = try ReplicaTarget(bucket: "lab", endpoint: "ftp://host", path: "x")
            Issue.record("an ftp endpoint was accepted")
        } catch {
            #expect("\(error)".contains("endpoint"))
        }
    }

    @Test("a configuration for another database says which databases it lists")
    func otherDatabase() throws {
        let text = "dbs:\n  - path: /srv/other.db\n    replica:\n      url: s3://b/p?endpoint=http://127.0.0.1:9\n"
        let parsed = try LitestreamConfiguration(text: text, file: "/etc/litestream.yml", environment: [:])
        #expect(throws: ReplicationError.databaseNotInConfiguration(database: "/srv/lab.db", configuration: "/etc/litestream.yml", listed: ["/srv/other.db"])) {
            try parsed.entry(for: "/srv/lab.db")
        }
        let entry = try parsed.entry(for: "/srv/other.db")
        #expect(entry.endpoint == "http://127.0.0.1:9")
        // No key in the file: Litestream's own variables (or AWS_*) must be set.
        #expect(parsed.missingVariables(for: entry, in: ["AWS_ACCESS_KEY_ID": "a"]) == ["LITESTREAM_SECRET_ACCESS_KEY"])
    }
}
