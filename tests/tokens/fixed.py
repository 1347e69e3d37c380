"""The fixed parties, times and MAC secret that generate.py and generate_rules.py both sign with
(standard library only), so the two vector files describe the same primary, partner and client."""
import base64
import os

HERE = os.path.dirname(os.path.abspath(__file__))
ISS = "https://idms.primary.example"
TARGET = "https://idms.partner.example/as/token.oauth2"
CLIENT = "mcptt-client"
IAT = 1_900_000_000
EXP = IAT + 300
NOW = IAT + 100
SECRET = bytes(range(32, 64))


def b64(data):
    """Base64url without padding (RFC 7515 section 2)."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()
