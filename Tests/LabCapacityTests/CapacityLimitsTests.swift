import LabCapacity
import LabIP
import Testing

/// Limits: defaults, flags, environment, validation.
@Suite("Capacity: limits")
struct CapacityLimitsTests {
    @Test func defaultsFollowTheGuidance() {
        let limits = CapacityLimits()
        #expect(limits.vcpuTarget == 4)
        #expect(limits.vcpuWarn == 5)
        #expect(limits.vcpuMax == 10)
        #expect(limits.ramRatio == 1)
        #expect(limits.defaultRamReserve == ByteSize(bytes: 1 << 30))
        #expect(limits.thinWarn == 0.8)
        #expect(limits.thinCritical == 0.9)
    }

    @Test func ratiosAndPercentagesParse() throws {
        var limits = CapacityLimits()
        try limits.set(flag: "--vcpu-target", to: "3:1")
        try limits.set(flag: "--vcpu-warn", to: "4.5")
        try limits.set(flag: "--thin-warn", to: "70%")
        try limits.set(flag: "--thin-critical", to: "85")
        try limits.set(flag: "--ram-reserve", to: "2G")
        #expect(limits.vcpuTarget == 3)
        #expect(limits.vcpuWarn == 4.5)
        #expect(limits.thinWarn == 0.7)
        #expect(limits.thinCritical == 0.85)
        #expect(limits.defaultRamReserve.bytes == 2 << 30)
        #expect(throws: CapacityError.invalidLimits("--vcpu-target 'four' is not a ratio; write e.g. 4 or 4:1")) {
            try limits.set(flag: "--vcpu-target", to: "four")
        }
        #expect(throws: CapacityError.self) { try limits.set(flag: "--thin-warn", to: "-5") }
        #expect(throws: CapacityError.self) { try limits.set(flag: "--ram-reserve", to: "lots") }
    }

    @Test func theEnvironmentSetsLimitsAndNamesItselfInErrors() throws {
        let limits = try CapacityLimits(environment: ["LABDB_VCPU_TARGET": "6", "LABDB_THIN_WARN": "75", "LABDB_RAM_RESERVE": "512M", "HOME": "/x"])
        #expect(limits.vcpuTarget == 6)
        #expect(limits.thinWarn == 0.75)
        #expect(limits.defaultRamReserve.bytes == 512 << 20)
        #expect(limits.vcpuWarn == 5)
        #expect(throws: CapacityError.invalidLimits("LABDB_VCPU_MAX 'x' is not a ratio; write e.g. 4 or 4:1")) {
            try CapacityLimits(environment: ["LABDB_VCPU_MAX": "x"])
        }
    }

    @Test func contradictoryLimitsAreRefused() throws {
        #expect(throws: CapacityError.self) { try CapacityLimits(vcpuTarget: 12).validate() }
        #expect(throws: CapacityError.self) { try CapacityLimits(vcpuWarn: 11).validate() }
        #expect(throws: CapacityError.self) { try CapacityLimits(thinWarn: 0.95, thinCritical: 0.9).validate() }
        try CapacityLimits().validate()
        try CapacityLimits(vcpuTarget: 10).validate()
    }
}

/// Fit requests written as words, as the query language passes them.
@Suite("Capacity: fit request words")
struct CapacityFitWordsTests {
    @Test func wordsAndFlagsParseToTheSameRequest() throws {
        let words = try FitRequest(words: ["cpu", "4", "ram", "12G", "disk", "50G@local-lvm", "disk", "300G@longhorn-pool", "count", "3", "range", "prod", "host", "z440"])
        let flags = try FitRequest(words: ["--cpu", "4", "--ram", "12G", "--disk", "50G@local-lvm", "--disk", "300G@longhorn-pool", "--count", "3", "--range", "prod", "--host", "z440"])
        #expect(words == flags)
        #expect(words.shape == VMShape(cpus: 4, ram: ByteSize(bytes: 12 << 30), disks: [
            DiskRequest(size: ByteSize(bytes: 50 << 30), pool: "local-lvm"), DiskRequest(size: ByteSize(bytes: 300 << 30), pool: "longhorn-pool")]))
        #expect(words.count == 3)
        #expect(words.range == "prod")
        #expect(words.hosts == ["z440"])
    }

    @Test func mistakesAreNamed() {
        #expect(throws: CapacityError.invalidShape("unknown word 'cpus' (did you mean 'cpu'?); expected one of cpu, ram, disk, count, range, host")) {
            try FitRequest(words: ["cpus", "4"])
        }
        #expect(throws: CapacityError.invalidShape("say how much RAM: ram SIZE")) { try FitRequest(words: ["cpu", "4"]) }
        #expect(throws: CapacityError.invalidShape("'ram' needs a value")) { try FitRequest(words: ["cpu", "4", "ram"]) }
    }
}
