import ArgumentParser
import Dispatch
import Foundation
import LabIP
import LabModel
import LabServer

/// `labdb serve`: the lab as an HTTP service (JSON API, metrics, probes).
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the lab over HTTP: the JSON API under /api/v1, /metrics, /healthz and /readyz.",
        discussion: """
            Reads need a token with the read scope (or --public-read), allocations and write statements a write \
            token, imports an admin token: create them with `labdb token create`. The server listens on loopback \
            unless told otherwise; SIGTERM or SIGINT finish the requests in flight and exit 0. One access-log line \
            per request goes to standard error (never a token or a query string). The API is described by \
            /api/v1/openapi.json and docs/api.md.
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("HOST:PORT to listen on (port 0 picks a free one; env LABDB_LISTEN).", valueName: "HOST:PORT"))
    var listen: String?

    @Option(help: ArgumentHelp("HOST:PORT of the external-dns webhook provider (its own listener; off unless given).", valueName: "HOST:PORT"))
    var externalDNSListen: String?

    @Flag(help: "Let GET requests through without a token (a dashboard on a trusted LAN); writes still need one.")
    var publicRead = false

    @Option(help: ArgumentHelp("The largest request body accepted, e.g. 16M.", valueName: "SIZE"))
    var maxBody = "16M"

    @Option(help: "Seconds a query may run before it is stopped (answered 503).")
    var queryTimeout = 5.0

    @Option(help: "Seconds an idle connection is kept open.")
    var idleTimeout = 60.0

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let listenText = listen ?? environment["LABDB_LISTEN"].flatMap { $0.isEmpty ? nil : $0 } ?? ServerConfiguration.defaultListen
        guard let (host, port) = ServerConfiguration.parseListen(listenText) else {
            throw ValidationError("--listen '\(listenText)' is not HOST:PORT (e.g. 127.0.0.1:8480 or [::1]:8480)")
        }
        guard let bodyLimit = ByteSize(maxBody), bodyLimit.bytes > 0, bodyLimit.bytes <= 1 << 30 else {
            throw ValidationError("--max-body '\(maxBody)' is not a size from 1 byte to 1G (e.g. 16M)")
        }
        guard queryTimeout > 0, idleTimeout > 0 else { throw ValidationError("--query-timeout and --idle-timeout must be positive") }
        var webhook: (host: String, port: Int)?
        if let externalDNSListen {
            guard let parsed = ServerConfiguration.parseListen(externalDNSListen) else {
                throw ValidationError("--external-dns-listen '\(externalDNSListen)' is not HOST:PORT (e.g. 127.0.0.1:8888)")
            }
            webhook = parsed
        }
        let path = global.databasePath
        // Create and migrate the file here, with the command line's error messages.
        _ = try global.open(create: true)
        let configuration = ServerConfiguration(databasePath: path, host: host, port: port, publicRead: publicRead,
                                                maxBodyBytes: Int(bodyLimit.bytes), queryTimeLimit: queryTimeout,
                                                idleTimeout: idleTimeout, environment: environment, externalDNS: webhook)
        let hookHost = webhook?.host ?? ""
        let outcome = ServeOutcome()
        let done = DispatchSemaphore(value: 0)
        Task {
            do {
                try await LabServerApplication.run(configuration, onListening: { port in
                    let shown = host.contains(":") ? "[\(host)]" : host
                    FileHandle.standardError.write(Data("labdb serve: listening on http://\(shown):\(port) (database \(path)\(publicRead ? ", public reads" : ""))\n".utf8))
                }, onWebhookListening: { port in
                    let shown = hookHost.contains(":") ? "[\(hookHost)]" : hookHost
                    FileHandle.standardError.write(Data("labdb serve: external-dns webhook on http://\(shown):\(port)\n".utf8))
                })
            } catch {
                outcome.fail("cannot serve on \(listenText): \(error)")
            }
            done.signal()
        }
        done.wait()
        if let message = outcome.failure { throw CommandFailure(message) }
        FileHandle.standardError.write(Data("labdb serve: stopped\n".utf8))
    }
}

/// How the server task ended, read by the waiting command.
final class ServeOutcome: @unchecked Sendable {
    private let lock = NSLock()
    private var message: String?
    func fail(_ text: String) { lock.withLock { message = text } }
    var failure: String? { lock.withLock { message } }
}
