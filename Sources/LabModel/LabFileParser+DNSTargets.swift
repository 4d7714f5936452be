/// Reading the `dns_targets:` section of a lab file.
extension LabFileParser {
    func readDNSTarget(_ node: YAMLNode, path: String, into parsed: inout ParsedLab, problems: ProblemCollector) {
        let keys = ["name", "kind", "zone", "view", "url", "hosts_file", "cname_file", "reload_command", "description"]
        guard let map = YAMLMapping(node, path: path, keys: keys, problems: problems) else { return }
        let name = map.name("name")
        let kind = map.choice("kind", DNSTargetKind.self, required: true)
        let zone = map.string("zone", required: true)?.trailingDotRemoved.lowercased()
        let view = map.choice("view", RecordView.self, required: true)
        let url = map.string("url")
        let hostsFile = map.string("hosts_file")
        let cnameFile = map.string("cname_file")
        let reloadCommand = map.string("reload_command")
        let description = map.string("description")
        guard let name, let kind, let zone, let view else { return }
        switch kind {
        case .piholeAPI:
            if url == nil { problems.add(map.child("url"), "is required for a pihole-api target (the Pi-hole address, e.g. http://pi.hole)") }
        case .piholeFiles:
            if hostsFile == nil { problems.add(map.child("hosts_file"), "is required for a pihole-files target (e.g. /etc/pihole/custom.list)") }
            if cnameFile == nil { problems.add(map.child("cname_file"), "is required for a pihole-files target (e.g. /etc/dnsmasq.d/05-pihole-custom-cname.conf)") }
        case .cloudflare:
            break
        }
        if kind != .piholeFiles {
            for (key, value) in [("hosts_file", hostsFile), ("cname_file", cnameFile), ("reload_command", reloadCommand)] where value != nil {
                problems.add(map.child(key), "only applies to a pihole-files target, not \(kind.rawValue)")
            }
        } else if url != nil {
            problems.add(map.child("url"), "does not apply to a pihole-files target (it uses hosts_file and cname_file)")
        }
        if let url, !(url.hasPrefix("http://") || url.hasPrefix("https://")) {
            problems.add(map.child("url"), "'\(url)' is not an http:// or https:// address")
        }
        let ref = ObjectRef.dnsTarget(name)
        parsed.remember(ref, index: parsed.lab.dnsTargets.count, path: path)
        parsed.lab.dnsTargets.append(DNSTarget(name: name, kind: kind, zone: zone, view: view, url: url, hostsFile: hostsFile,
                                               cnameFile: cnameFile, reloadCommand: reloadCommand, description: description))
    }
}
