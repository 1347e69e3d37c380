#!/usr/bin/env python3
"""Seeds the fuzz corpora from the shared vectors (tests/vectors/*.json) and the spec examples."""
import json, pathlib, hashlib, base64
here = pathlib.Path(__file__).resolve().parent
root = here.parent
corpus = here / "corpus"

def put(target, data):
    d = corpus / target
    d.mkdir(parents=True, exist_ok=True)
    (d / hashlib.sha1(data).hexdigest()).write_bytes(data)

def http_request(req, body):
    """A request vector as HTTP/1.1 text (what the CLI reads)."""
    url = req.get("url", "https://idms.example/token")
    rest = url.split("://", 1)[-1]
    host, _, path = rest.partition("/")
    headers = [("Host", host)] + [tuple(h) for h in req.get("headers", []) if isinstance(h, list) and len(h) == 2]
    if not any(n.lower() == "content-type" for n, _ in headers):
        headers.append(("Content-Type", "application/x-www-form-urlencoded"))
    head = f"{req.get('method', 'POST')} /{path} HTTP/1.1\r\n" + "".join(f"{n}: {v}\r\n" for n, v in headers)
    return head.encode() + f"Content-Length: {len(body)}\r\n\r\n".encode() + body

def http_response(resp):
    """A response vector as HTTP/1.1 text."""
    body = resp["body"].encode()
    head = f"HTTP/1.1 {resp.get('status', 200)} OK\r\nContent-Type: application/json\r\nCache-Control: no-store\r\n"
    return head.encode() + f"Content-Length: {len(body)}\r\n\r\n".encode() + body

for f in sorted((root / "vectors").glob("*.json")):
    for case in json.loads(f.read_text()).get("cases", []):
        inp = case.get("input", {})
        req = inp.get("request")
        if isinstance(req, dict):
            body = req.get("body")
            data = body.encode() if isinstance(body, str) else base64.b64decode(req.get("body_base64", ""))
            put("form_requests", b"\x00" + data)
            put("form_requests", b"\x01" + data)
            put("http_text", http_request(req, data))
        resp = inp.get("response")
        if isinstance(resp, dict) and isinstance(resp.get("body"), str):
            put("responses", b"\x00" + resp["body"].encode())
            put("http_text", http_response(resp))
            put("migration_flow", b"\x00" + resp["body"].encode())
        for key in ("url", "redirect"):
            if isinstance(inp.get(key), str):
                put("authorization_redirect", inp[key].encode())
        if isinstance(inp.get("token"), str):
            put("tokens", b"\x01" + inp["token"].encode())
            put("tokens", b"\x03" + inp["token"].encode())
        if isinstance(inp.get("jwks_text"), str):
            put("tokens", b"\x00" + inp["jwks_text"].encode())
            put("jwks", b"\x40" + inp["jwks_text"].encode())
        if isinstance(inp.get("jwks"), (dict, list)):
            put("jwks", b"\x40" + json.dumps(inp["jwks"]).encode())
        if isinstance(inp.get("scope"), str):
            put("form_requests", b"\x00" + inp["scope"].encode())
        xml = inp.get("xml").encode() if isinstance(inp.get("xml"), str) else base64.b64decode(inp.get("xml_base64", ""))
        if xml:
            put("profile", b"\x00" + xml)
            put("profile", b"\x03" + xml)
for f in sorted((root / "fixtures" / "profiles").glob("*.xml")):
    put("profile", b"\x00" + f.read_bytes())
    put("profile", b"\x01" + f.read_bytes())
for f in sorted((root / "spec-examples").glob("*.http")):
    put("http_text", f.read_bytes())
for f in sorted((root / "tokens").glob("*.json")):
    doc = json.loads(f.read_text())
    for jwks in ([doc.get("jwks")] if isinstance(doc, dict) else []) + [doc]:
        if isinstance(jwks, dict) and isinstance(jwks.get("keys"), list):
            put("jwks", b"\x80" + json.dumps(jwks).encode())
# Validator options (selector 2): the shared secret in each form a host writes bytes in.
for secret in ([7] * 32, {str(i): 7 for i in range(32)}, "an-hs256-secret-of-32-bytes-long", None):
    options = {"issuer": "https://idms.primary.example", "jwks": '{"keys": []}', "target": "https://idms.partner.example/token",
               "client_id": "mcptt-client", "algorithms": ["HS256"], "leeway": 30, "services": ["ptt"], "shared_secret": secret}
    put("tokens", b"\x02" + json.dumps(options).encode())
print("seeded", {d.name: len(list(d.iterdir())) for d in corpus.iterdir()})
