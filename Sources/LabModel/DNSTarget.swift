/// Where a zone's records are published: a Pi-hole (through its v6 API or its files)
/// or Cloudflare. Secrets are not part of a target: they come from the environment.
public struct DNSTarget: Sendable, Hashable {
    public var name: String
    public var kind: DNSTargetKind
    /// The zone whose records the target takes.
    public var zone: String
    /// Which view of the zone's records the target takes.
    public var view: RecordView
    /// pihole-api: the Pi-hole web address (`http://pi.hole`); cloudflare: the API base
    /// (default `https://api.cloudflare.com/client/v4`).
    public var url: String?
    /// pihole-files: the hosts file (`/etc/pihole/custom.list`).
    public var hostsFile: String?
    /// pihole-files: the dnsmasq conf for CNAMEs and wildcards (`/etc/dnsmasq.d/05-pihole-custom-cname.conf`).
    public var cnameFile: String?
    /// pihole-files: a shell command run after the files changed (`pihole restartdns reload`).
    public var reloadCommand: String?
    public var description: String?

    public init(name: String, kind: DNSTargetKind, zone: String, view: RecordView, url: String? = nil, hostsFile: String? = nil,
                cnameFile: String? = nil, reloadCommand: String? = nil, description: String? = nil) {
        self.name = name; self.kind = kind; self.zone = zone; self.view = view; self.url = url
        self.hostsFile = hostsFile; self.cnameFile = cnameFile; self.reloadCommand = reloadCommand; self.description = description
    }
}

/// The kind of DNS target.
public enum DNSTargetKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// Pi-hole v6 and its REST API (hosts and CNAME entries).
    case piholeAPI = "pihole-api"
    /// Pi-hole v5 or plain dnsmasq: `custom.list` and a dnsmasq conf file.
    case piholeFiles = "pihole-files"
    /// Cloudflare API v4.
    case cloudflare
}
