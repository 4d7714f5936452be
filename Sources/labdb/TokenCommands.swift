import ArgumentParser
import Foundation
import LabModel

/// `labdb token ...`: API tokens for `labdb serve`.
struct TokenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Create, list and revoke API tokens for `labdb serve`.",
        subcommands: [TokenCreateCommand.self, TokenListCommand.self, TokenRevokeCommand.self])
}

/// Runs `body`, turning a token refusal into exit 1 with its sentence.
private func runToken<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as TokenError {
        throw CommandFailure(error.description)
    }
}

struct TokenCreateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Create a token and print it once; only its SHA-256 digest is stored.",
        discussion: """
            Scopes: read (reads), write (also allocations, releases and write statements), admin (also imports),             external-dns (one cluster's external-dns, on the webhook listener only: needs --cluster; --domain limits it).
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The token's name: who or what uses it (e.g. ci, grafana, terraform).")
    var name: String

    @Option(help: "read, write, admin or external-dns.")
    var scope: String

    @Option(help: "external-dns: the cluster whose records the token writes.")
    var cluster: String?

    @Option(name: .customLong("domain"), help: "external-dns: a domain the token may write under (repeatable; default: every zone).")
    var domains: [String] = []

    @Option(help: "When it stops working: a number of days, hours or minutes (90d, 12h, 30m). Default: never.")
    var expires: String?

    func run() throws {
        guard let scope = TokenScope(rawValue: scope.lowercased()) else {
            throw ValidationError("--scope '\(scope)' is not a scope; use read, write, admin or external-dns")
        }
        let db = try global.open()
        let (token, stored) = try runToken {
            let seconds = try expires.map(TokenStore.seconds(in:))
            return try TokenStore(database: db).create(name: name, scope: scope, expiresIn: seconds, cluster: cluster, domains: domains,
                                                       context: db.changeContext ?? .init(user: "labdb", command: "token create"))
        }
        print(token)
        let forCluster = stored.cluster.map { " for cluster \($0)" } ?? ""
        FileHandle.standardError.write(Data("labdb: created token '\(stored.name)' (\(stored.scope.rawValue)\(forCluster)\(stored.expiresAt.map { ", expires \($0)" } ?? "")); it is shown only this once\n".utf8))
    }
}

struct TokenListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List tokens: name, scope, created, last used, expires (never the token).")

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let tokens = try TokenStore(database: try global.openReadOnly()).list()
        let table = ResultTable(columns: ["name", "scope", "cluster", "created", "created_by", "last_used", "expires"], rows: tokens.map {
            [.text($0.name), .text($0.scope.rawValue), $0.cluster.map(Cell.text) ?? .null, .text($0.createdAt), .text($0.createdBy),
             $0.lastUsedAt.map(Cell.text) ?? .null, $0.expiresAt.map(Cell.text) ?? .null]
        })
        print(global.render(table), terminator: "")
    }
}

struct TokenRevokeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "revoke", abstract: "Revoke a token: it stops working at once.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The token's name.")
    var name: String

    func run() throws {
        let db = try global.open()
        try runToken { try TokenStore(database: db).revoke(name: name, context: db.changeContext ?? .init(user: "labdb", command: "token revoke")) }
        print("revoked token '\(name)'")
    }
}
