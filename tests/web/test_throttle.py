"""M3: throttles slow down guessing without locking out the innocent. Counted per account, per
address, per known device and per API token, each on its own; exponential back-off instead of
a lock; parallel guesses cannot pass the limit (atomic counters, SQLite and PostgreSQL)."""

from __future__ import annotations

import threading

import pytest

from funding_matcher.domain.accounts.throttle import ACCOUNT, ADDRESS, Policy
from funding_matcher.extensions import db
from funding_matcher.models import Role, ThrottleCounter
from funding_matcher.operations import throttle
from funding_matcher.operations.tokens import create_api_token, revoke_api_token
from tests.conftest import PASSWORD, again, loaded


def sign_in(client, email: str, password: str = PASSWORD) -> int:
    return client.post("/anmelden", data={"email": email, "password": password}).status_code


def test_the_wait_doubles_up_to_a_ceiling_and_never_becomes_a_lock():
    waits = [ACCOUNT.wait_after(n) for n in range(1, 16)]
    assert waits[:4] == [0, 0, 0, 0]
    assert waits[4:8] == [2, 4, 8, 16]
    assert max(waits) == 15 * 60
    assert ADDRESS.wait_after(19) == 0
    # Every step the database computes is the one the policy names.
    assert dict(ACCOUNT.steps())[6] == ACCOUNT.wait_after(6)


def test_a_counter_admits_again_when_its_wait_is_over(app):
    key, policy = "account:test@example.org", Policy(free=2, first_wait=10)
    with app.app_context():
        assert throttle.reserve(key, policy, now=1000.0) == 0
        assert throttle.reserve(key, policy, now=1000.5) == 0
        assert throttle.reserve(key, policy, now=1001.0) == pytest.approx(9.5)
        assert throttle.reserve(key, policy, now=1010.6) == 0  # waited: admitted, next wait 20 s
        assert throttle.reserve(key, policy, now=1011.0) == pytest.approx(19.6)
        # A quiet day starts the count again.
        assert throttle.reserve(key, policy, now=1010.6 + 25 * 3600) == 0
        assert db.session.get(ThrottleCounter, key).count == 1


def test_guessing_an_account_does_not_lock_its_owner_out_on_their_own_computer(
    app, make_org, make_user
):
    user = make_user(make_org(), Role.editor)
    own, stranger = app.test_client(), app.test_client()
    assert sign_in(own, user.email) == 302  # this browser becomes a known device
    own.post("/abmelden")
    statuses = [sign_in(stranger, user.email, "falsch-geraten") for _ in range(8)]
    assert statuses[:5] == [401] * 5
    assert statuses[-1] == 429
    # Before: five wrong passwords locked the account for everyone.
    assert sign_in(own, user.email) == 302
    # The stranger, even with the right password, waits (only seconds, doubling).
    blocked = stranger.post("/anmelden", data={"email": user.email, "password": PASSWORD})
    assert blocked.status_code == 429
    assert 1 <= int(blocked.headers["Retry-After"]) <= 8
    assert "Zu viele fehlgeschlagene Anmeldeversuche" in blocked.get_data(as_text=True)


def test_failures_from_one_address_do_not_block_correct_passwords_from_known_devices(
    app, make_org, make_user
):
    user = make_user(make_org(), Role.editor)
    colleague = app.test_client()
    assert sign_in(colleague, user.email) == 302
    colleague.post("/abmelden")
    office = app.test_client()  # same address (the test client's), another browser
    for n in range(25):
        sign_in(office, f"probe{n}@example.org", "falsch-geraten")
    # Before: every correct password from this address answered 429.
    assert sign_in(colleague, user.email) == 302
    # A browser never seen before waits seconds, not a quarter of an hour.
    refused = office.post("/anmelden", data={"email": user.email, "password": PASSWORD})
    assert refused.status_code == 429
    assert int(refused.headers["Retry-After"]) <= 64


def test_a_revoked_token_is_slowed_down_but_valid_tokens_from_the_same_address_are_not(
    app, client, make_org, make_user
):
    organisation = make_org()
    user = make_user(organisation, Role.editor)
    with app.app_context():
        old, old_token = create_api_token(again(user), again(organisation), "alt")
        _, good_token = create_api_token(again(user), again(organisation), "neu")
        revoke_api_token(old)
        db.session.commit()
        old = loaded(old)
        old_token = loaded(old_token)
        good_token = loaded(good_token)
    revoked = {"Authorization": f"Bearer {old_token}"}
    statuses = [client.get("/api/v1/me/calendar", headers=revoked).status_code for _ in range(22)]
    assert statuses[0] == 401
    assert statuses[-1] == 429
    # Before: the valid token from this address answered 429 as well.
    good = {"Authorization": f"Bearer {good_token}"}
    assert client.get("/api/v1/me/calendar", headers=good).status_code == 200


def test_parallel_guesses_cannot_pass_the_limit(app, make_org, make_user):
    """The probe sent guesses at once and got 9 through where 5 are allowed."""
    user = make_user(make_org(), Role.editor)
    email, attempts = user.email, 12
    barrier = threading.Barrier(attempts)
    statuses: list[int] = []

    def guess() -> None:
        client = app.test_client()
        with app.app_context():
            barrier.wait()
            statuses.append(sign_in(client, email, "falsch-geraten"))
            db.session.remove()

    threads = [threading.Thread(target=guess) for _ in range(attempts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(statuses) == attempts
    assert statuses.count(401) <= ACCOUNT.free
    assert statuses.count(401) + statuses.count(429) == attempts


def test_parallel_writers_on_sqlite_wait_their_turn(app):
    """In SQLite's default journal mode two parallel writers can deadlock and one of them gets
    "database is locked" at once (a 500 for one of twelve parallel guesses in CI); in WAL mode
    with a busy timeout the second waits."""
    with app.app_context():
        if db.engine.url.get_backend_name() != "sqlite":
            pytest.skip("SQLite only")
        with db.engine.connect() as connection:
            mode = connection.exec_driver_sql("PRAGMA journal_mode").scalar()
            timeout = connection.exec_driver_sql("PRAGMA busy_timeout").scalar()
    assert (mode, timeout) == ("wal", 15_000)
