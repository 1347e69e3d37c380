"""mcx-connect: authentication of mission critical users who migrate to a partner MC system.

3GPP TS 33.180 Annex B (token exchange and JWT bearer grants), TS 24.482 and TS 24.484 user
profiles, from the Rust core through its UniFFI bindings. The whole API is re-exported here:
``import mcx_connect`` and use ``mcx_connect.JwtBearerRequest``, ``mcx_connect.McxConnectError``, ...
"""

from importlib.metadata import version as _version

from ._uniffi.mcx_connect import *  # noqa: F401,F403  (the generated module defines __all__)

__version__ = _version("mcx-connect")
