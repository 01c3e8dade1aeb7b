"""Who may reach the UI: a login is required whenever it is served beyond this machine.

A loopback host (``127.0.0.1``, ``::1``, ``localhost``) needs nothing. Any other host, or a
public share link, needs ``ASSISTANT_UI_AUTH=user:password``, or the explicit
``--allow-public`` opt-out, which is logged as a loud warning.
"""

from __future__ import annotations

import ipaddress
import logging

from assistant.errors import ConfigError

log = logging.getLogger(__name__)

PUBLIC_WARNING = (
    "SERVING WITHOUT A LOGIN on %s: anyone who can reach this address can ask questions and "
    "run the eval suite. Set ASSISTANT_UI_AUTH=user:password to require a login."
)


def is_loopback(host: str) -> bool:
    """True for an address or name that only this machine can reach."""
    name = host.strip().strip("[]").lower()
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def parse_auth(value: str | None) -> tuple[str, str] | None:
    """``user:password`` -> (user, password); None when no login is configured.

    Raises ConfigError when the user or the password is empty (nobody could log in).
    """
    if value is None or value == "":
        return None
    user, colon, password = value.partition(":")
    if not colon or not user.strip() or not password:
        raise ConfigError(
            "ASSISTANT_UI_AUTH must be user:password with neither part empty "
            "— e.g. ASSISTANT_UI_AUTH=analyst:long-secret"
        )
    return user, password


def resolve_auth(
    host: str, auth: str | None, *, share: bool = False, allow_public: bool = False
) -> tuple[str, str] | None:
    """The login to require for serving on ``host``; refuses an unprotected public server."""
    credentials = parse_auth(auth)
    exposed = share or not is_loopback(host)
    if not exposed or credentials is not None:
        return credentials
    where = "a public share link" if share else host or "every interface"
    if not allow_public:
        raise ConfigError(
            f"serving on {where} needs a login — set ASSISTANT_UI_AUTH=user:password, "
            "or pass --allow-public to serve without one"
        )
    log.warning(PUBLIC_WARNING, where)
    return None
