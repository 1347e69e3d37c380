// Helpers shared by the Swift tests: a JSON value type (Codable, so booleans and numbers never
// mix), error fields, and a security-token maker.
import Foundation
import McxConnect

indirect enum J: Decodable, Equatable, CustomStringConvertible {
    case null, bool(Bool), num(Double), str(String), arr([J]), obj([String: J])

    init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let n = try? c.decode(Double.self) { self = .num(n) }
        else if let s = try? c.decode(String.self) { self = .str(s) }
        else if let a = try? c.decode([J].self) { self = .arr(a) }
        else { self = .obj(try c.decode([String: J].self)) }
    }

    static func parse(_ data: Data) -> J? { try? JSONDecoder().decode(J.self, from: data) }

    subscript(key: String) -> J? { if case .obj(let o) = self { return o[key] } else { return nil } }
    var string: String? { if case .str(let s) = self { return s } else { return nil } }
    var number: Double? { if case .num(let n) = self { return n } else { return nil } }
    var boolValue: Bool? { if case .bool(let b) = self { return b } else { return nil } }
    var array: [J]? { if case .arr(let a) = self { return a } else { return nil } }
    var object: [String: J]? { if case .obj(let o) = self { return o } else { return nil } }

    /// JSON text (integers without a fraction).
    var json: String {
        switch self {
        case .null: return "null"
        case .bool(let b): return String(b)
        case .num(let n): return n == n.rounded() && abs(n) < 1e15 ? String(Int64(n)) : String(n)
        case .str(let s):
            var out = "\""
            for u in s.unicodeScalars {
                switch u {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case _ where u.value < 0x20: out += String(format: "\\u%04x", u.value)
                default: out.unicodeScalars.append(u)
                }
            }
            return out + "\""
        case .arr(let a): return "[" + a.map { $0.json }.joined(separator: ",") + "]"
        case .obj(let o): return "{" + o.map { J.str($0.key).json + ":" + $0.value.json }.joined(separator: ",") + "}"
        }
    }

    var description: String {
        switch self {
        case .null: return "null"
        case .bool(let b): return String(b)
        case .num(let n): return String(n)
        case .str(let s): return "\"\(s)\""
        case .arr(let a): return "[" + a.map { $0.description }.joined(separator: ",") + "]"
        case .obj(let o): return "{" + o.map { "\"\($0.key)\":\($0.value)" }.joined(separator: ",") + "}"
        }
    }
}

func j(_ s: String?) -> J { s.map(J.str) ?? .null }

func b64url(_ text: String) -> String {
    Data(text.utf8).base64EncodedString()
        .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
        .replacingOccurrences(of: "=", with: "")
}

func securityToken(aud: [String], exp: UInt64) -> String {
    let audience = aud.map { "\"\($0)\"" }.joined(separator: ",")
    // B.2.1.2: iss, sub, aud, exp and iat, as the partner's validator (and so the flow) requires.
    return b64url("{\"alg\":\"RS256\"}") + "."
        + b64url("{\"iss\":\"https://idms.primary.example\",\"aud\":[\(audience)],\"exp\":\(exp),\"iat\":\(exp - 600),\"sub\":\"alice\"}") + ".c2ln"
}
