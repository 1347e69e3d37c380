// swift-tools-version:5.9
// The Swift test package of the UniFFI bindings. `bindings/uniffi/test.sh` copies it next to the
// generated sources (Sources/McxConnect/McxConnect.swift, Sources/mcx_connectFFI/) and runs
// `swift test`; generated code is never committed. MCX_FFI_LIB_DIR names the folder of
// libmcx_connect_ffi.so.
import PackageDescription
import Foundation

let libDir = ProcessInfo.processInfo.environment["MCX_FFI_LIB_DIR"] ?? "lib"

let package = Package(
    name: "McxConnect",
    products: [.library(name: "McxConnect", targets: ["McxConnect"])],
    targets: [
        .systemLibrary(name: "mcx_connectFFI", path: "Sources/mcx_connectFFI"),
        .target(
            name: "McxConnect",
            dependencies: ["mcx_connectFFI"],
            linkerSettings: [.unsafeFlags(["-L", libDir, "-lmcx_connect_ffi", "-Xlinker", "-rpath", "-Xlinker", libDir])]
        ),
        .testTarget(name: "McxConnectTests", dependencies: ["McxConnect"]),
    ]
)
