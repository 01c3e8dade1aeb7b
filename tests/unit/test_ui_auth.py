"""Who may reach the UI: loopback needs nothing; any other host needs a login or an explicit,
loudly logged opt-out; an empty user or password is refused with one clear message."""

from __future__ import annotations

import logging

import pytest

from assistant.errors import ConfigError
from assistant.ui.auth import is_loopback, parse_auth, resolve_auth


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.2", "::1", "[::1]", "localhost"])
def test_loopback_hosts(host: str) -> None:
    assert is_loopback(host)
    assert resolve_auth(host, None) is None


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.5", "example.com", ""])
def test_exposed_host_without_a_login_is_refused(host: str) -> None:
    assert not is_loopback(host)
    with pytest.raises(ConfigError) as info:
        resolve_auth(host, None)
    message = str(info.value)
    assert "ASSISTANT_UI_AUTH" in message and "--allow-public" in message
    assert "\n" not in message


def test_exposed_host_with_a_login_serves_with_it() -> None:
    assert resolve_auth("0.0.0.0", "ann:s3:cret") == ("ann", "s3:cret")


def test_a_share_link_is_exposed_too() -> None:
    with pytest.raises(ConfigError):
        resolve_auth("127.0.0.1", None, share=True)


def test_allow_public_serves_without_a_login_and_warns(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="assistant.ui.auth"):
        assert resolve_auth("0.0.0.0", None, allow_public=True) is None
    assert "WITHOUT A LOGIN" in caplog.text and "0.0.0.0" in caplog.text


@pytest.mark.parametrize("value", ["user:", ":secret", " :secret", "nocolon"])
def test_empty_user_or_password_is_refused(value: str) -> None:
    with pytest.raises(ConfigError) as info:
        parse_auth(value)
    assert "neither part empty" in str(info.value)
    with pytest.raises(ConfigError):
        resolve_auth("127.0.0.1", value)  # refused even where no login is needed


def test_no_login_configured() -> None:
    assert parse_auth(None) is None and parse_auth("") is None
