"""The staff PIN that unlocks the console: a salted scrypt hash, and the growing pause
after wrong PINs.

Stored as ``scrypt$<n>$<r>$<p>$<salt hex>$<hash hex>`` in the store's settings, never
the PIN itself; compared in constant time.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass

from deskconsole.errors import DeskError
from deskconsole.models.text import nfkc

SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
SALT_BYTES = 16
PIN_RE = re.compile(r"\d{4,12}")
#: Wrong PINs allowed before a pause, the first pause, and the longest.
FREE_TRIES = 5
FIRST_PAUSE = 30.0
LONGEST_PAUSE = 15 * 60.0


class PinRefused(DeskError):
    """A PIN that cannot be set (not 4 to 12 digits)."""


def _derive(pin: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(pin.encode(), salt=salt, n=n, r=r, p=p, maxmem=64 * 1024 * 1024)


def checked_pin(pin: str) -> str:
    """A new PIN as it will be hashed (full-width digits made plain); refused unless 4 to 12
    digits."""
    pin = nfkc(pin).strip()
    if not PIN_RE.fullmatch(pin):
        raise PinRefused("privacy.err_pin")
    return pin


def hash_pin(pin: str) -> str:
    """The stored form of a new PIN (4 to 12 digits, full-width digits accepted)."""
    pin = checked_pin(pin)
    salt = secrets.token_bytes(SALT_BYTES)
    digest = _derive(pin, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${salt.hex()}${digest.hex()}"


def verify_pin(stored: str, pin: str) -> bool:
    """True when ``pin`` is the PIN ``stored`` was made from."""
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        given = _derive(nfkc(pin).strip(), bytes.fromhex(salt), int(n), int(r), int(p))
    except (ValueError, MemoryError):
        return False
    return hmac.compare_digest(given, bytes.fromhex(digest))


@dataclass
class Attempts:
    """Wrong PINs in a row and when the next try is allowed (seconds on a monotonic clock)."""

    wrong: int = 0
    allowed_at: float = 0.0

    def pause_after(self) -> float:
        """The pause the current count of wrong PINs earns: none for the first four, then
        30 s, doubling with each further wrong PIN, at most 15 minutes."""
        if self.wrong < FREE_TRIES:
            return 0.0
        return min(FIRST_PAUSE * 2.0 ** (self.wrong - FREE_TRIES), LONGEST_PAUSE)

    def wait(self, now: float) -> float:
        """Seconds left before the next try is allowed."""
        return max(0.0, self.allowed_at - now)

    def failed(self, now: float) -> float:
        """Count a wrong PIN; returns the pause it starts."""
        self.wrong += 1
        pause = self.pause_after()
        self.allowed_at = now + pause
        return pause

    def reset(self) -> None:
        self.wrong = 0
        self.allowed_at = 0.0
