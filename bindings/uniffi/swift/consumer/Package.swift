// swift-tools-version:5.9
// A separate package that uses mcx-connect the way an app does: it depends on the assembled Swift
// package (bindings/uniffi/package.sh) by path, and holds the API tests and the shared-vector runner
// (copied in from bindings/uniffi/swift/Tests by test.sh) and a small executable.
// bindings/uniffi/test.sh runs `swift build` and `swift test` here, with no library path set.
import PackageDescription

let package = Package(
    name: "McxConnectConsumer",
    dependencies: [.package(path: "../mcx-connect-swift")],
    targets: [
        .executableTarget(
            name: "mcx-connect-consumer",
            dependencies: [.product(name: "McxConnect", package: "mcx-connect-swift")]
        ),
        .testTarget(
            name: "McxConnectTests",
            dependencies: [.product(name: "McxConnect", package: "mcx-connect-swift")]
        ),
    ]
)
