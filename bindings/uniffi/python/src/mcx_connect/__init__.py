"""mcx-connect: authentication of mission critical users who migrate to a partner MC system.

3GPP TS 33.180 Annex B (token exchange and JWT bearer grants), TS 24.482 and TS 24.484 user
profiles, from the Rust core through its UniFFI bindings. The whole API is re-exported here:
``import mcx_connect`` and use ``mcx_connect.JwtBearerRequest``, ``mcx_connect.McxConnectError``, ...
"""

import functools as _functools
import inspect as _inspect
from importlib.metadata import version as _version

# Two generated modules: the core's records and enums (namespace `mcx_connect`) and the objects,
# functions and error of the binding crate (namespace `mcx_connect_ffi`).
from ._uniffi.mcx_connect import *  # noqa: F401,F403  (the generated modules define __all__)
from ._uniffi.mcx_connect_ffi import *  # noqa: F401,F403
# The custom types (a header, the RFC error code, the token type, a secret, a scope set) are
# aliases the generated `__all__` leaves out.
from ._uniffi.mcx_connect import HttpHeader, OAuthErrorCode, ScopeSet, Secret, TokenType  # noqa: F401
from ._uniffi import mcx_connect as _core_module, mcx_connect_ffi as _ffi_module
from .error_codes import ErrorCode  # noqa: F401

__version__ = _version("mcx-connect")


# The one error interface: every McxConnectError, whatever its concept, has `code`,
# `oauth_error`, `description` and `status` (None except for a server-role refusal, `Rejected`),
# and `str(error)` is `code: description` rather than the generated field dump.
def _error_text(self):
    return f"{self.code}: {self.description}"


McxConnectError.__str__ = _error_text  # noqa: F405
McxConnectError.status = None  # noqa: F405  (Rejected sets its own)


# Records are hashable and print as Python does (issue 15 §7). UniFFI's Python records define `__eq__`
# field by field, which leaves them unhashable, and a `__str__` in their own format. Here a record's
# hash is that of its fields in order (lists as tuples), so equal records hash alike and records can
# key a dict or sit in a set (as with `dataclass(unsafe_hash=True)`: do not change a record while it
# keys a dict); `repr` and `str` are `Name(field=value, ...)`. A secret field holds a `Secret`, whose
# text is `[redacted]`; an `HttpRequest` is shown as the core's `redacted_request` gives it (secret
# form parameters and credential headers masked) and any other body by its length, so none shows a
# token; a header shows a credential header's value (`Authorization`, `Cookie`, …) as the core's
# `redacted_header_value` masks it, so a response's `Set-Cookie` does not show either.
def _frozen(value):
    if isinstance(value, list):
        return tuple(_frozen(v) for v in value)
    if isinstance(value, dict):
        return frozenset((k, _frozen(v)) for k, v in value.items())
    return value


def _record_fields(record):
    return _fields_of(type(record))


@_functools.lru_cache(maxsize=None)
def _fields_of(cls):
    # The generated `__init__` takes every named field, in order (a record or an enum variant alike);
    # a variant with unnamed fields (`Scope.OTHER("x")`) takes `*values`, kept by position in `_values`.
    return tuple(p.name for p in _inspect.signature(cls.__init__).parameters.values()
                 if p.name != "self" and p.kind is not p.VAR_POSITIONAL)


def _record_hash(self):
    named = tuple(_frozen(getattr(self, name)) for name in _record_fields(self))
    return hash((type(self).__qualname__,) + named + _frozen(list(getattr(self, "_values", ()))))


def _shown(value, redacted):
    # A body is shown only as the core redacted it (a request); any other body, which may be a token
    # response, by its length.
    if isinstance(value, (bytes, bytearray)) and not redacted:
        return f"<{len(value)} bytes>"
    return repr(value)


def _record_repr(self):
    if isinstance(self, HttpHeader):  # a credential header's value as the core masks it
        return f"HttpHeader(name={self.name!r}, value={redacted_header_value(self.name, self.value)!r})"  # noqa: F405
    redacted = isinstance(self, HttpRequest)  # noqa: F405
    shown = redacted_request(self) if redacted else self  # noqa: F405
    fields = [f"{name}={_shown(getattr(shown, name), redacted)}" for name in _record_fields(self)]
    fields += [_shown(value, redacted) for value in getattr(self, "_values", ())]
    return f"{type(self).__qualname__}({', '.join(fields)})"


def _generated_classes(module):
    """The public classes `module` defines, errors aside, and the classes nested in them (the variants
    of an enum that carries data)."""
    for value in list(vars(module).values()):
        if (isinstance(value, type) and value.__module__ == module.__name__ and not value.__name__.startswith("_")
                and not issubclass(value, BaseException)):
            yield value
            yield from (v for v in vars(value).values() if isinstance(v, type) and v.__module__ == module.__name__)


def _records(module):
    """The generated records of `module` and the variants of its enums: the classes whose
    field-by-field `__eq__` left them without a hash (objects, which Rust owns, aside)."""
    return [c for c in _generated_classes(module) if c.__hash__ is None and not hasattr(c, "_uniffi_clone_handle")]


RECORD_TYPES = tuple(dict.fromkeys(_records(_core_module) + _records(_ffi_module)))
"""Every record type of the package: hashable, and printed as `Name(field=value, ...)`."""
for _record in RECORD_TYPES:
    _record.__hash__ = _record_hash
    _record.__repr__ = _record_repr
    _record.__str__ = _record_repr
del _record


# Tokens as plain strings (issue 15 §7): every function, method and constructor that takes a `Secret`
# (a token, assertion, code, verifier, state or nonce) also takes its text, wrapped here; what the
# library hands back stays a `Secret`, printed `[redacted]`.
_SECRET_ANNOTATIONS = {form.format(name) for name in ("Secret", "mcx_connect.Secret") for form in ("{}", "typing.Optional[{}]")}


def _taking_plain_strings(function):
    """`function`, taking a `str` wherever it takes a `Secret`; `function` itself when it takes none."""
    try:
        signature = _inspect.signature(function)
    except (TypeError, ValueError):
        return function
    # The generated modules use postponed annotations, so an annotation is its source text: `Secret`
    # in the core's module, `mcx_connect.Secret` (the other module's name) in the binding crate's.
    names = [p.name for p in signature.parameters.values() if str(p.annotation).strip("'\"") in _SECRET_ANNOTATIONS]
    if not names:
        return function

    @_functools.wraps(function)
    def wrapper(*args, **kwargs):
        bound = signature.bind(*args, **kwargs)
        for name in names:
            if isinstance(bound.arguments.get(name), str):
                bound.arguments[name] = Secret(bound.arguments[name])  # noqa: F405
        return function(*bound.args, **bound.kwargs)

    return wrapper


def _accept_plain_strings(module):
    for name, value in list(vars(module).items()):
        if _inspect.isfunction(value) and value.__module__ == module.__name__:
            wrapped = _taking_plain_strings(value)
            if wrapped is not value:
                setattr(module, name, wrapped)
                if name in globals():
                    globals()[name] = wrapped  # the re-exported name, too
    # A data-carrying enum variant is rebound to a subclass of the generated class that holds its
    # `__init__`: each class of the module in a class's MRO, once.
    owners = dict.fromkeys(owner for cls in _generated_classes(module) for owner in cls.__mro__
                           if owner.__module__ == module.__name__ and not owner.__name__.startswith("_"))
    for owner in owners:
        for member_name, member in list(vars(owner).items()):
            if isinstance(member, classmethod):
                wrapped = _taking_plain_strings(member.__func__)
                if wrapped is not member.__func__:
                    setattr(owner, member_name, classmethod(wrapped))
            elif _inspect.isfunction(member):
                wrapped = _taking_plain_strings(member)
                if wrapped is not member:
                    setattr(owner, member_name, wrapped)


_accept_plain_strings(_core_module)
_accept_plain_strings(_ffi_module)
