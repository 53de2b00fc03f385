"""Passwords are hashed with argon2id at its recommended cost in production (the test suite
lowers the cost for speed, see tests/conftest.py)."""

from __future__ import annotations

from argon2 import PasswordHasher, extract_parameters


def test_production_hasher_uses_argon2s_recommended_parameters() -> None:
    # The module's hasher is argon2-cffi's default (RFC 9106, low-memory profile).
    default = PasswordHasher()
    parameters = extract_parameters(default.hash("ein-langes-passwort"))
    assert (parameters.memory_cost, parameters.time_cost, parameters.parallelism) == (65536, 3, 4)
    assert parameters.type.name == "ID"


def test_the_module_builds_its_hasher_with_the_defaults() -> None:
    import inspect

    from funding_matcher.domain.accounts import passwords

    assert "_hasher = PasswordHasher()" in inspect.getsource(passwords)
