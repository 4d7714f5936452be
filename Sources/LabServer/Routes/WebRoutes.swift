import Foundation
import HTTPTypes
import Hummingbird
import LabCapacity
import LabDNS
import LabIP
import LabModel
import LabOperations
import LabWeb

/// The web pages: dashboard, IP map, machines, query box, DNS, history. They only read,
/// follow the API's token rules (`--public-read`, or a read token given once through a
/// form and kept in an HttpOnly, SameSite=Strict cookie), and are not part of the API.
struct WebRoutes {
    let service: LabService

    func register(_ router: Router<LabRequestContext>) {
        let service = self.service
        router.get(RouterPath(Stylesheet.path)) { _, _ in
            var response = Responses.bytes(Array(Stylesheet.text.utf8), contentType: "text/css; charset=utf-8")
            response.headers[.cacheControl] = "max-age=3600"
            return response
        }
        page(router, "/") { _, _, connection in
            let limits = try CapacityLimits(environment: service.configuration.environment)
            let report = try CapacityViews(database: connection.database).report(limits: limits)
            return DashboardPage(report: report, ranges: try IPAMViews(database: connection.database).utilisation()).render()
        }
        page(router, "/ipam") { request, _, connection in
            let map = IPMap(database: connection.database)
            let prefixes = try map.prefixes()
            var network = prefixes.first?.cidr
            if let text = request.query("net") {
                guard let chosen = IPNetwork(text) else { throw WebRoutes.notFound("'\(text)' is not a network (e.g. 192.168.1.0/24)", nil) }
                network = chosen
            }
            guard let network else { return IPMapPage(prefixes: prefixes, shown: nil).render() }
            guard let prefix = try map.prefix(containing: network) else {
                throw WebRoutes.notFound("no prefix of the lab contains \(network)", nil)
            }
            return IPMapPage(prefixes: prefixes, shown: (network, prefix, try map.drawing(of: network, in: prefix))).render()
        }
        page(router, "/machines/:name") { _, context, connection in
            let name = try context.parameters.require("name")
            guard let machine = try MachineDetail(database: connection.database, name: name) else {
                let suggestion = try MachineDetail.suggestion(for: name, in: connection.database)
                throw WebRoutes.notFound("No machine is named '\(name)'.", suggestion.map { ($0, "/machines/" + HTML.urlComponent($0)) })
            }
            let published = DesiredRecords(lab: try Lab(database: connection.database)).published(for: machine)
                .map { (view: $0.view.rawValue, record: $0.record.description) }
            let history = try ChangeHistory(database: connection.database).table(about: machine.name, limit: 50)
            return MachinePage(machine: machine, published: published, history: history).render()
        }
        page(router, "/query") { request, _, connection in
            let statement = request.query("q") ?? ""
            guard !statement.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return QueryPage(statement: "", outcome: .none).render() }
            if try QueryRoutes.isWrite(statement, executor: connection.executor) {
                return QueryPage(statement: statement, outcome: .error("the pages only read: run '\(QueryRoutes.firstWord(statement))' in the shell or with POST /api/v1/query")).render()
            }
            do {
                switch try connection.executor.run(statement) {
                case .table(let table):
                    return QueryPage(statement: statement, outcome: .table(ResultTableView(table, link: ResultTableView.standardLinks(for: table.columns)))).render()
                case .message(let message):
                    return QueryPage(statement: statement, outcome: .message(message)).render()
                case .document(let document):
                    return QueryPage(statement: statement, outcome: .message(document.render(.table))).render()
                }
            } catch let error as ExecutionError {
                return QueryPage(statement: statement, outcome: .error(error.rendered)).render()
            }
        }
        page(router, "/dns") { _, _, connection in
            guard case .table(let records) = try connection.executor.run("records") else { return "" }
            let view = records.columns.firstIndex(of: "view")
            func only(_ name: String) -> ResultTable {
                var table = records
                table.rows = records.rows.filter { row in view.map { row[$0].display == name } ?? true }
                return table
            }
            return ListPage(title: "DNS", api: "/api/v1/records", sections: [
                ("Internal view → Pi-hole", "What `labdb dns apply` publishes to the Pi-hole targets (plus the A records of allocations with a DNS name).", ResultTableView(only("internal"))),
                ("Public view → Cloudflare", nil, ResultTableView(only("public"))),
                ("Targets and their last sync", "As `labdb dns plan` and `labdb dns apply` recorded them.", ResultTableView(try DNSSyncStatus(database: connection.database).table())),
            ]).render()
        }
        page(router, "/history") { _, _, connection in
            let table = try ChangeHistory(database: connection.database).table(limit: 100)
            return ListPage(title: "History", api: "/api/v1/history?limit=100", sections: [
                ("The latest changes", "Who changed what, when, with which command (`labdb history`).", ResultTableView(table, link: ResultTableView.standardLinks(for: table.columns))),
            ]).render()
        }
        router.post("/login") { request, _ -> Response in
            let body = try await Responses.body(of: request, limit: 64 * 1024)
            let form = WebRoutes.form(String(decoding: body, as: UTF8.self))
            let next = WebRoutes.safeNext(form["next"])
            let token = form["token"] ?? ""
            guard case .valid(_, let scope, _, _) = try await service.verify(token: token), scope.allows(.read) else {
                return WebRoutes.html(MessagePage.tokenForm(next: next, problem: "That token is not valid (never issued, expired or revoked)."), status: .unauthorized)
            }
            var response = Response(status: .seeOther)
            response.headers[.location] = next
            response.headers[.setCookie] = "\(WebRoutes.cookie)=\(token); Path=/; HttpOnly; SameSite=Strict; Max-Age=2592000"
            return response
        }
    }

    /// The cookie that carries a page reader's token.
    static let cookie = "labdb_token"

    /// Registers a page: checks read access, renders on a read connection, answers HTML;
    /// unknown names give the 404 page, a missing token the token form.
    private func page(_ router: Router<LabRequestContext>, _ path: String,
                      _ render: @escaping @Sendable (Request, LabRequestContext, Connection) throws -> String) {
        let service = self.service
        router.get(RouterPath(path)) { request, context -> Response in
            if context.identity == nil, !service.configuration.publicRead {
                return WebRoutes.html(MessagePage.tokenForm(next: request.uri.path + (request.uri.query.map { "?" + $0 } ?? ""), problem: nil), status: .unauthorized)
            }
            do {
                let page = try await service.pool.read { try render(request, context, $0) }
                return WebRoutes.html(page)
            } catch let missing as PageNotFound {
                return WebRoutes.html(MessagePage.notFound(missing.message, suggestion: missing.suggestion), status: .notFound)
            }
        }
    }

    struct PageNotFound: Error {
        let message: String
        let suggestion: (label: String, href: String)?
    }

    static func notFound(_ message: String, _ suggestion: (String, String)?) -> PageNotFound {
        PageNotFound(message: message, suggestion: suggestion.map { (label: $0.0, href: $0.1) })
    }

    static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        var response = Responses.bytes(Array(text.utf8), contentType: "text/html; charset=utf-8", status: status)
        response.headers[.contentSecurityPolicy] = "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.referrerPolicy] = "same-origin"
        return response
    }

    /// A form body (`application/x-www-form-urlencoded`) as a dictionary.
    static func form(_ body: String) -> [String: String] {
        var values: [String: String] = [:]
        for pair in body.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "" }
            if parts.count == 2 { values[parts[0]] = parts[1] }
        }
        return values
    }

    /// Where to go after the token form: a path on this site only.
    static func safeNext(_ text: String?) -> String {
        guard let text, text.hasPrefix("/"), !text.hasPrefix("//"), !text.contains("\\"), !text.contains("\r"), !text.contains("\n") else { return "/" }
        return text
    }
}

extension HTTPField.Name {
    static let xContentTypeOptions = HTTPField.Name("X-Content-Type-Options")!
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
}
