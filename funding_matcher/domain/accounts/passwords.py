"""Account rules: password hashing (argon2) and the checks on email, password and names."""

from __future__ import annotations

from collections.abc import Iterable

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from email_validator import EmailNotValidError, validate_email

from funding_matcher.domain.accounts.weak_words import only_common_words
from funding_matcher.domain.errors import FieldProblem, InvalidData

MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 256  # argon2 hashes anything, but a megabyte password is an attack
MIN_STRENGTH = 3  # zxcvbn: "safely unguessable" (about 10^8 guesses and more)
ESTIMATED_CHARS = 64  # zxcvbn's estimate grows slow on very long input; the start suffices
_hasher = PasswordHasher()
# Verified when an e-mail address is unknown, so that the answer takes as long as for a known
# one: one per cost of the hasher in use (made at start for the production hasher).
_DUMMY_PASSWORD = "kein-konto-mit-dieser-adresse"  # noqa: S105 (no one's password)


def _cost(hasher: PasswordHasher) -> tuple[int, int, int]:
    return (hasher.time_cost, hasher.memory_cost, hasher.parallelism)


_dummy_hashes: dict[tuple[int, int, int], str] = {_cost(_hasher): _hasher.hash(_DUMMY_PASSWORD)}


def hash_password(password: str) -> str:
    """An argon2id hash of the password."""
    return _hasher.hash(password)


def verify_for_unknown_address(password: str) -> None:
    """Take as long as checking a stored password, for an address that has no account."""
    cost = _cost(_hasher)
    if cost not in _dummy_hashes:
        _dummy_hashes[cost] = _hasher.hash(_DUMMY_PASSWORD)
    verify_password(_dummy_hashes[cost], password)


def verify_password(password_hash: str, password: str) -> bool:
    """Whether the password matches the stored hash; never raises for a wrong password."""
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def normalise_email(email: str) -> str:
    """The email address in canonical form, or InvalidData naming the field."""
    try:
        return validate_email(email.strip(), check_deliverability=False).normalized.lower()
    except EmailNotValidError:
        raise InvalidData(
            [FieldProblem("email", "Bitte eine gültige E-Mail-Adresse angeben.")]
        ) from None


def check_password(
    password: str, email: str = "", name: str = "", context: Iterable[str] = ()
) -> None:
    """Raise InvalidData when the password is too weak to protect grant applications.

    No composition rules (OWASP ASVS): at least 12 characters, not the e-mail address or a part of
    it, not only common German words or the organisation's name (``context``) with a year and
    signs, and not guessable by a strength estimator that knows common passwords and patterns.
    """

    def problem(message: str) -> InvalidData:
        return InvalidData([FieldProblem("password", message)])

    if len(password) < MIN_PASSWORD_LENGTH or not password.strip():
        raise problem(f"Das Passwort muss mindestens {MIN_PASSWORD_LENGTH} Zeichen lang sein.")
    if len(password) > MAX_PASSWORD_LENGTH:
        raise problem(f"Das Passwort darf höchstens {MAX_PASSWORD_LENGTH} Zeichen lang sein.")
    lowered = password.casefold()
    local = email.split("@", 1)[0].casefold()
    if email and (email.casefold() in lowered or (len(local) >= 4 and local in lowered)):
        raise problem("Das Passwort darf Ihre E-Mail-Adresse nicht enthalten.")
    context = [text for text in context if text]
    hints = [part for part in (email, local, name, *context) if part]
    if only_common_words(password, [local, name, *context]) or (
        _strength(password[:ESTIMATED_CHARS], hints) < MIN_STRENGTH
    ):
        raise problem(
            "Dieses Passwort ist zu leicht zu erraten (häufige Wörter, der Name der "
            "Organisation, eine Jahreszahl oder ein einfaches Muster). Wählen Sie z. B. einen "
            "Satz aus mehreren eigenen Wörtern."
        )


def _strength(password: str, hints: list[str]) -> int:
    """zxcvbn's score; imported on first use (its dictionaries take a third of a second to
    load, which every command line call would pay otherwise)."""
    from zxcvbn import zxcvbn

    return zxcvbn(password, user_inputs=hints)["score"]
