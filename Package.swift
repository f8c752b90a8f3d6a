// swift-tools-version:6.1
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "altinn-sync",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "altinn-sync", targets: ["altinn-sync"]),
        .executable(name: "altinn-sim", targets: ["altinn-sim"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        // The simulator uses neither swift-configuration nor Hummingbird's full-Foundation form coding.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(name: "COpenSSL", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        .target(
            name: "CurlHTTP",
            dependencies: ["CCurl", "COpenSSL", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "TestSupport",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CurlHTTPTests",
            dependencies: ["CurlHTTP", "TestSupport"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "AltinnAPI",
            dependencies: ["CurlHTTP", "Maskinporten", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "AltinnSync",
            dependencies: ["AltinnAPI", "Maskinporten", "CurlHTTP", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AltinnSyncTests",
            dependencies: [
                "AltinnSync", "AltinnAPI", "CurlHTTP", "Maskinporten", .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // What operators install: no simulator, NIO or Hummingbird code (DESIGN.md, section 6).
        .executableTarget(
            name: "altinn-sync",
            dependencies: [
                "AltinnSync", "AltinnAPI", "CurlHTTP",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: [
                "altinn-sync", "altinn-sim", "AltinnSync", "AltinnSimulator", "AltinnAPI", "CurlHTTP", "TestSupport",
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AltinnAPITests",
            dependencies: [
                "AltinnAPI", "AltinnSimulator", "Maskinporten", "CurlHTTP", "TestSupport",
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Maskinporten",
            dependencies: ["COpenSSL", "CurlHTTP", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "MaskinportenTests",
            dependencies: ["Maskinporten", "CurlHTTP"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "AltinnSimulator",
            dependencies: [
                "AltinnAPI",
                "Maskinporten",
                "CurlHTTP",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "altinn-sim",
            dependencies: [
                "AltinnSimulator", "CurlHTTP",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AltinnSimulatorTests",
            dependencies: [
                "AltinnSimulator", "AltinnAPI", "CurlHTTP", "Maskinporten",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
