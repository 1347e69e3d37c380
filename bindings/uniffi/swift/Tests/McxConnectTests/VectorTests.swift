// The shared vectors, run by XCTest through the generated API; prints
// `swift vectors: N passed, N failed`.
import XCTest

final class VectorTests: XCTestCase {
    func testSharedVectors() throws {
        let cases = try VectorRunner.load()
        var passed = 0
        var failed = 0
        for (file, c) in cases {
            do {
                try VectorRunner.run(c)
                passed += 1
            } catch let e as Mismatch {
                failed += 1
                print("FAIL \(file) :: \(c["name"]?.string ?? "?"): \(e.why)")
            }
        }
        print("swift vectors: \(passed) passed, \(failed) failed")
        XCTAssertGreaterThan(passed, 100)
        XCTAssertEqual(failed, 0)
    }
}
