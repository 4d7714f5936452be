// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "labdb",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "labdb", targets: ["labdb"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        // The HTTP server of `labdb serve`; its default traits (swift-configuration support) are not needed.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.6.0"),
    ],
    targets: [
        // C libraries, each a module map plus a shim.h for variadic calls and globals.
        .systemLibrary(name: "CSQLite", path: "Sources/CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CMalloc", path: "Sources/CMalloc"),
        .systemLibrary(name: "CEditLine", path: "Sources/CEditLine", pkgConfig: "libedit", providers: [.apt(["libedit-dev"])]),
        .systemLibrary(name: "CCurl", path: "Sources/CCurl", providers: [.apt(["libcurl4-openssl-dev"])]),  // headers only: libcurl is dlopened

        // Domains, from the bottom up.
        .target(name: "LabIP"),
        .target(name: "LabStore", dependencies: ["CSQLite"], plugins: ["EmbedMigrations"]),
        .executableTarget(name: "embed-migrations", path: "Sources/embed-migrations"),
        .plugin(name: "EmbedMigrations", capability: .buildTool(), dependencies: ["embed-migrations"]),
        .target(name: "LabModel", dependencies: ["LabIP", "LabStore", "Yams"]),
        .target(name: "LabQuery", dependencies: ["LabIP"]),
        .target(name: "LabExport", dependencies: ["LabModel"]),
        .target(name: "LabDNS", dependencies: ["LabModel", "CCurl"]),
        .target(name: "LabCapacity", dependencies: ["LabModel"]),
        // Continuous replication with Litestream: its configuration, its metadata, restores from the replica.
        .target(name: "LabReplica", dependencies: ["LabModel", "LabStore", "Yams"]),
        // What every front end (command line, shell, server) calls: statements, allocation, edits.
        .target(name: "LabOperations", dependencies: ["LabQuery", "LabModel", "LabCapacity"]),
        .target(name: "LabREPL", dependencies: ["LabOperations", "LabQuery", "LabModel", "CEditLine"]),
        // `labdb serve`: routes, tokens, problem documents, /metrics; no rule of its own.
        // The web pages of `labdb serve`: plain Swift HTML writers and a compiled-in stylesheet.
        .target(name: "LabWeb", dependencies: ["LabModel", "LabCapacity", "LabIP"]),
        .executableTarget(name: "embed-text", path: "Sources/embed-text"),
        .plugin(name: "EmbedOpenAPI", capability: .buildTool(), dependencies: ["embed-text"]),
        .target(name: "LabServer", dependencies: [
            "LabOperations", "LabExport", "LabCapacity", "LabModel", "LabStore", "LabIP", "LabQuery", "LabWeb", "LabDNS",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ], plugins: ["EmbedOpenAPI"]),
        .executableTarget(
            name: "labdb",
            dependencies: [
                "LabIP", "LabStore", "LabModel", "LabQuery", "LabExport", "LabDNS", "LabCapacity", "LabOperations", "LabREPL", "LabServer", "LabReplica", "CMalloc",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // Start-up of every command (Linux): lld packs the relative relocations (RELR, glibc
            // 2.36+), and the symbol table that --static-swift-stdlib exports (-export-dynamic,
            // 25,800 symbols) is dropped, which the loader's symbol lookups and the Swift runtime's
            // dladdr at start-up would otherwise search. The executable stays position-independent:
            // linked with -no-pie it started about 1 ms sooner (no relocations of its own at all),
            // but `labdb serve` faces the network and its code would then sit at a fixed address.
            linkerSettings: [.unsafeFlags(["-use-ld=lld", "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs",
                                           "-Xlinker", "--no-export-dynamic"], .when(platforms: [.linux]))]
        ),
        // Benchmarks: built in release by scripts/bench, never run as tests.
        .executableTarget(name: "labdb-bench", dependencies: ["LabIP", "LabStore", "LabModel", "LabQuery", "LabExport", "LabCapacity", "LabDNS", "LabOperations"]),

        // Test helpers shared by the test targets (temporary folders).
        .target(name: "LabTestSupport", path: "Tests/LabTestSupport"),

        .testTarget(name: "LabIPTests", dependencies: ["LabIP"]),
        .testTarget(name: "LabStoreTests", dependencies: ["LabStore", "LabTestSupport"]),
        .testTarget(name: "LabModelTests", dependencies: ["LabModel", "LabTestSupport", "Yams"], exclude: ["FuzzCorpus"]),
        .testTarget(name: "LabQueryTests", dependencies: ["LabQuery", "LabModel", "LabTestSupport"]),
        .testTarget(name: "LabExportTests", dependencies: ["LabExport"]),
        .testTarget(name: "LabDNSTests", dependencies: ["LabDNS", "LabTestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "LabCapacityTests", dependencies: ["LabCapacity"]),
        .testTarget(name: "LabREPLTests", dependencies: ["LabREPL", "LabOperations", "LabTestSupport"], exclude: ["Transcripts"]),
        .testTarget(name: "LabServerTests", dependencies: ["LabServer", "LabModel", "LabDNS", "LabTestSupport"]),
        .testTarget(name: "EndToEndTests", dependencies: ["LabModel", "LabTestSupport"]),
        // Litestream against moto's S3 server, with real labdb processes.
        .testTarget(name: "ReplicationTests", dependencies: ["LabReplica", "LabModel", "LabDNS", "LabTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
