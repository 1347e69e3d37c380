// Builds a B.7.4 jwt-bearer request for a partner system's token endpoint: the smallest program an
// MC client writes with the package. It prints the request line, the grant type and the names of
// the form parameters, never their values (the assertion is a security token). test.sh runs it
// after `swift build` and checks what it prints.
import Foundation
import McxConnect

func base64url(_ text: String) -> String {
    Data(text.utf8).base64EncodedString()
        .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
        .replacingOccurrences(of: "=", with: "")
}

let partnerTokenEndpoint = "https://idms.partner.example/as/token.oauth2"
// A stand-in security token (header.claims.signature); the partner's IdMS verifies real ones.
let securityToken = base64url("{\"alg\":\"ES256\"}") + "."
    + base64url("{\"aud\":[\"mcptt-client\",\"\(partnerTokenEndpoint)\"],\"exp\":2000000000,\"sub\":\"alice\"}") + ".c2ln"

do {
    let request = JwtBearerRequest(
        assertion: Secret(value: securityToken), client: .clientId(clientId: "mcptt-client"),
        scope: ScopeSet.forService(service: .ptt))
    let http = try request.build(tokenEndpoint: partnerTokenEndpoint, policy: EndpointPolicy())
    let parameters = String(decoding: http.body, as: UTF8.self).split(separator: "&")
    print("\(http.method) \(http.url)")
    print(parameters.first { $0.hasPrefix("grant_type=") } ?? "no grant_type")
    print("parameters: " + parameters.map { String($0.prefix { $0 != "=" }) }.joined(separator: " "))
} catch {
    print("mcx-connect refused the request: \(error)")
    exit(1)
}
