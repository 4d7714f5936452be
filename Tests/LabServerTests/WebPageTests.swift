import Foundation
import Synchronization
import Testing

/// The web pages in a real browser: Debian's headless Chromium loads each page from the
/// real `labdb serve`, its DOM is checked, and screenshots at desktop and phone widths
/// are written to the output folder (`LABDB_SCREENSHOTS`, default .build/screenshots).
@Suite("labdb serve: web pages in Chromium", .serialized)
struct WebPageTests {
    static let output = ProcessInfo.processInfo.environment["LABDB_SCREENSHOTS"]
        ?? ServeProcess.root.appendingPathComponent(".build/screenshots").path

    /// Runs headless Chromium on `url` with `arguments`; returns stdout and the console lines.
    static func chromium(_ arguments: [String], url: String) throws -> (dom: String, console: [String]) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/chromium")
        let profile = NSTemporaryDirectory() + "labdb-chromium-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: profile) }
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
                             "--user-data-dir=\(profile)", "--enable-logging=stderr", "--v=0", "--virtual-time-budget=3000"] + arguments + [url]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let errors = Mutex(Data())
        let reader = Thread { errors.withLock { $0 = err.fileHandleForReading.readDataToEndOfFile() } }
        reader.start()
        let dom = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while reader.isExecuting || !reader.isFinished { usleep(10_000) }
        let console = String(decoding: errors.withLock { $0 }, as: UTF8.self).split(separator: "\n")
            .filter { $0.contains("CONSOLE") || $0.contains("Uncaught") || $0.contains("Refused to") }.map(String.init)
        return (String(decoding: dom, as: UTF8.self), console)
    }

    static func dom(_ server: ServeProcess, _ path: String) throws -> String {
        let result = try chromium(["--dump-dom"], url: server.base + path)
        #expect(result.console.isEmpty, "\(path): console says \(result.console)")
        return result.dom
    }

    @Test("every page loads without console errors and is screenshotted at desktop and phone widths")
    func everyPage() throws {
        let server = try ServeProcess(arguments: ["--public-read"])
        try FileManager.default.createDirectory(atPath: WebPageTests.output, withIntermediateDirectories: true)
        let pages = [("dashboard", "/"), ("ipam", "/ipam"), ("machine-gitlab", "/machines/gitlab"), ("machine-z440", "/machines/z440"),
                     ("query", "/query?q=vms%20where%20cluster%20%3D%20prod"), ("dns", "/dns"), ("history", "/history")]
        for (name, path) in pages {
            let dom = try WebPageTests.dom(server, path)
            #expect(dom.contains("<main>") && dom.contains("labdb"), "\(path)")
            #expect(!dom.contains("<script"), "\(path) carries no script")
            for (width, height, label) in [(1280, 900, "desktop"), (390, 844, "phone")] {
                let file = WebPageTests.output + "/\(name)-\(label).png"
                try? FileManager.default.removeItem(atPath: file)
                let shot = try WebPageTests.chromium(["--screenshot=\(file)", "--window-size=\(width),\(height)", "--hide-scrollbars"], url: server.base + path)
                #expect(shot.console.isEmpty, "\(path): \(shot.console)")
                let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
                #expect(size > 5_000, "\(file) was written (\(size) bytes)")
            }
        }
    }

    @Test("the IP map of the seed's /24: 256 cells, gitlab at .25, the MetalLB pool marked load-balancer, network and broadcast marked")
    func ipMap() throws {
        let server = try ServeProcess(arguments: ["--public-read"])
        let dom = try WebPageTests.dom(server, "/ipam?net=192.168.1.0/24")
        let cells = dom.matches(of: /<a[^>]*class="cell [^"]*"[^>]*data-address="([^"]+)"[^>]*data-purpose="([^"]+)"[^>]*data-holder="([^"]*)"/)
        #expect(cells.count == 256)
        let byAddress = Dictionary(cells.map { (String($0.1), (purpose: String($0.2), holder: String($0.3))) }, uniquingKeysWith: { a, _ in a })
        #expect(byAddress["192.168.1.25"]?.holder == "machine gitlab")
        let metallb = (100...150).compactMap { byAddress["192.168.1.\($0)"] }
        #expect(metallb.count == 51 && metallb.allSatisfy { $0.purpose == "load-balancer" })
        #expect(dom.contains("role-network") && dom.contains("role-broadcast"))
        #expect(dom.contains("192.168.1.25 · range infra (static) · machine gitlab"), "the hover names the holder, range and DNS name")
        #expect(dom.contains("href=\"/api/v1/addresses/192.168.1.25\""), "each cell links to its address")
    }

    @Test("the dashboard shows the clusters' RAM (management 20 GiB, production 48 GiB) and flags the local-lvm pool")
    func dashboard() throws {
        let server = try ServeProcess(arguments: ["--public-read"])
        let dom = try WebPageTests.dom(server, "/")
        let management = dom.firstMatch(of: /data-cluster="mgmt"[^>]*>.*?<td class="ram">([^<]+)</)?.1
        let production = dom.firstMatch(of: /data-cluster="prod"[^>]*>.*?<td class="ram">([^<]+)</)?.1
        #expect(management.map(String.init) == "20 GiB", "\(String(describing: management))")
        #expect(production.map(String.init) == "48 GiB", "\(String(describing: production))")
        let pool = dom.firstMatch(of: /data-pool="z440\/local-lvm" data-level="([a-z]+)"/)?.1
        #expect(pool == "critical" || pool == "warning", "local-lvm is flagged: \(String(describing: pool))")
        #expect(dom.contains("first free: 192.168.1.10"))
    }

    @Test("escaping, the 404 page with did-you-mean, a query error with its caret, and a token form without --public-read")
    func edges() throws {
        let server = try ServeProcess(arguments: ["--public-read"])
        let set = try server.cli(["query", "set vms vault description = '<script>alert(\"x\")</script> & <b>bold</b>'"])
        #expect(set.status == 0, "\(set.stderr)")
        let vault = try WebPageTests.dom(server, "/machines/vault")
        #expect(vault.contains("&lt;script&gt;alert(\"x\")&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;"), "shown as text")
        #expect(!vault.contains("<script") && !vault.contains("<b>bold"))
        let missing = try WebPageTests.dom(server, "/machines/gitlb")
        #expect(missing.contains("Did you mean") && missing.contains("href=\"/machines/gitlab\""))
        let error = try WebPageTests.dom(server, "/query?q=vms%20where%20rma%20%3E%201G")
        #expect(error.contains("did you mean 'ram'") && error.contains("^^^"))

        let closed = try ServeProcess()
        let token = try closed.token("reader", scope: "read")
        let form = try WebPageTests.dom(closed, "/")
        #expect(form.contains("name=\"token\"") && !form.contains("Storage pools"))
        let login = try closed.request("POST", "/login", body: "token=\(token)&next=%2Fipam", headers: [("Content-Type", "application/x-www-form-urlencoded")])
        #expect(login.status == 303 && login.headers["location"] == "/ipam")
        let cookie = login.headers["set-cookie"] ?? ""
        #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"))
        let page = try closed.request("GET", "/ipam", headers: [("Cookie", "labdb_token=\(token)")])
        #expect(page.status == 200 && page.text.contains("IP map"))
        let bad = try closed.request("POST", "/login", body: "token=nope&next=https://elsewhere.example", headers: [("Content-Type", "application/x-www-form-urlencoded")])
        #expect(bad.status == 401)
        let offsite = try closed.request("POST", "/login", body: "token=\(token)&next=//elsewhere.example", headers: [("Content-Type", "application/x-www-form-urlencoded")])
        #expect(offsite.headers["location"] == "/", "never redirects off the site")
    }

    @Test("a /16 with 65,000 allocations is drawn as 256 blocks of /24, each linking to its grid")
    func largePrefix() throws {
        var lab = "prefixes:\n  - cidr: 10.0.0.0/16\n    name: big\n    ranges:\n      - name: big\n        first: 10.0.0.1\n        last: 10.0.255.254\n        purpose: static\nhosts:\n"
        for index in 0..<16 { lab += "  - name: h\(index)\n    kind: server\n" }
        let server = try ServeProcess(arguments: ["--public-read"], labFile: lab)
        for index in 0..<16 {
            let result = try server.cli(["ip", "allocate", "big", "--to", "h\(index)", "--count", index < 15 ? "4062" : "4070"])
            #expect(result.status == 0, "\(result.stderr)")
        }
        let start = Date()
        let dom = try WebPageTests.dom(server, "/ipam?net=10.0.0.0/16")
        let blocks = dom.matches(of: /<a class="block"[^>]*href="\/ipam\?net=([^"]+)"[^>]*data-used="(\d+)"/)
        #expect(blocks.count == 256)
        #expect(blocks.map { Int($0.2)! }.reduce(0, +) == 65_000)
        #expect(blocks.first?.1 == "10.0.0.0%2F24")
        #expect(Date().timeIntervalSince(start) < 30)
        let cellDom = try WebPageTests.dom(server, "/ipam?net=10.0.200.0/24")
        #expect(cellDom.matches(of: /data-address="10\.0\.200\.\d+"/).count == 256)
    }
}
