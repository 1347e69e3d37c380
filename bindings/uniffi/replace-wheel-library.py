"""Replaces the shared library in a wheel built by maturin, and its RECORD entry (hash, size).

Usage: python3 replace-wheel-library.py WHEEL LIBRARY

package.sh --release: maturin builds the wheel from the debug library, whose UniFFI metadata its
run of uniffi-bindgen reads; the wheel then ships the release library (release-lib.sh), the same
file as the jar and the Swift package. Entries keep their order, dates, modes and compression.
"""

import base64
import hashlib
import os
import sys
import zipfile

LIBRARY_NAME = "libmcx_connect_ffi.so"


def main(wheel: str, library: str) -> None:
    data = open(library, "rb").read()
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    with zipfile.ZipFile(wheel) as source:
        entries = [(info, source.read(info)) for info in source.infolist()]
    names = [info.filename for info, _ in entries if info.filename.endswith("/" + LIBRARY_NAME)]
    if len(names) != 1:
        sys.exit(f"replace-wheel-library: {len(names)} copies of {LIBRARY_NAME} in {os.path.basename(wheel)}")
    replaced = 0
    with zipfile.ZipFile(wheel + ".tmp", "w") as target:
        for info, body in entries:
            if info.filename == names[0]:
                body = data
            elif info.filename.endswith(".dist-info/RECORD"):
                lines = body.decode().splitlines()
                for i, line in enumerate(lines):
                    if line.startswith(names[0] + ","):
                        lines[i] = f"{names[0]},sha256={digest},{len(data)}"
                        replaced += 1
                body = ("\n".join(lines) + "\n").encode()
            target.writestr(info, body)
    if replaced != 1:
        os.remove(wheel + ".tmp")
        sys.exit(f"replace-wheel-library: RECORD of {os.path.basename(wheel)} has {replaced} entries for {names[0]}")
    os.replace(wheel + ".tmp", wheel)


if __name__ == "__main__":
    main(*sys.argv[1:])
