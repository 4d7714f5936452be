/// What a machine is. Physical kinds stand alone; `vm` and `lxc` are guests on a host.
public enum MachineKind: String, Sendable, Hashable, Codable, CaseIterable {
    case server, pi, router, `switch`, nas, other, vm, lxc

    /// Whether machines of this kind run on a host.
    public var isGuest: Bool { self == .vm || self == .lxc }
    /// The physical kinds, as accepted under `hosts:`.
    public static let physical: [MachineKind] = [.server, .pi, .router, .switch, .nas, .other]
    /// The guest kinds, as accepted under `vms:` (`type:`).
    public static let guests: [MachineKind] = [.vm, .lxc]
}

/// What a named range is for.
public enum RangePurpose: String, Sendable, Hashable, Codable, CaseIterable {
    case `static`, cluster, loadBalancer = "load-balancer", dhcp, reserved
}

/// The storage technology of a pool.
public enum PoolType: String, Sendable, Hashable, Codable, CaseIterable {
    case dir, lvm, lvmThin = "lvm-thin", zfs, nfs, cephfs, rbd, btrfs

    /// Whether pools of this type are thin-provisioned unless said otherwise.
    public var thinByDefault: Bool { self == .lvmThin || self == .zfs }
}

/// The medium of a disk.
public enum DiskMedia: String, Sendable, Hashable, Codable, CaseIterable {
    case hdd, ssd, nvme, sd, usbSSD = "usb-ssd", virtual
}

/// A cluster node's role.
public enum NodeRole: String, Sendable, Hashable, Codable, CaseIterable {
    case controlPlane = "control-plane", worker, allInOne = "all-in-one"
}

/// DNS record types labdb manages.
public enum RecordType: String, Sendable, Hashable, Codable, CaseIterable {
    case a = "A", aaaa = "AAAA", cname = "CNAME"
}

/// Which resolver serves a record: Pi-hole (internal) or Cloudflare (public).
public enum RecordView: String, Sendable, Hashable, Codable, CaseIterable {
    case `internal`, `public`
}
