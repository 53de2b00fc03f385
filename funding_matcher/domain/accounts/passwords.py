"""Account rules: password hashing (argon2) and the checks on email, password and names."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from email_validator import EmailNotValidError, validate_email

from funding_matcher.domain.errors import FieldProblem, InvalidData

MIN_PASSWORD_LENGTH = 10
_hasher = PasswordHasher()


def hash_password(password: str) -> str:
    """An argon2id hash of the password."""
    return _hasher.hash(password)


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


def check_password(password: str) -> None:
    """Raise InvalidData when the password is too weak to protect grant applications."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidData(
            [
                FieldProblem(
                    "password",
                    f"Das Passwort muss mindestens {MIN_PASSWORD_LENGTH} Zeichen lang sein.",
                )
            ]
        )
