"""mcx-connect: authentication of mission critical users who migrate to a partner MC system.

3GPP TS 33.180 Annex B (token exchange and JWT bearer grants), TS 24.482 and TS 24.484 user
profiles, from the Rust core through its UniFFI bindings. The whole API is re-exported here:
``import mcx_connect`` and use ``mcx_connect.JwtBearerRequest``, ``mcx_connect.McxConnectError``, ...
"""

from importlib.metadata import version as _version

# Two generated modules: the core's records and enums (namespace `mcx_connect`) and the objects,
# functions and error of the binding crate (namespace `mcx_connect_ffi`).
from ._uniffi.mcx_connect import *  # noqa: F401,F403  (the generated modules define __all__)
from ._uniffi.mcx_connect_ffi import *  # noqa: F401,F403
# The custom types (a header, the RFC error code, the token type) are aliases the generated
# `__all__` leaves out.
from ._uniffi.mcx_connect import HttpHeader, OAuthErrorCode, TokenType  # noqa: F401
from .error_codes import ErrorCode  # noqa: F401

__version__ = _version("mcx-connect")


# The one error interface: every McxConnectError, whatever its concept, has `code`,
# `oauth_error`, `description` and `status` (None except for a server-role refusal, `Rejected`),
# and `str(error)` is `code: description` rather than the generated field dump.
def _error_text(self):
    return f"{self.code}: {self.description}"


McxConnectError.__str__ = _error_text  # noqa: F405
McxConnectError.status = None  # noqa: F405  (Rejected sets its own)
