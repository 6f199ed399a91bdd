"""The unlock PIN: a salted scrypt hash, never the PIN; a pause that grows after five wrong ones."""

from __future__ import annotations

import pytest

from deskconsole.domain.pin import Attempts, PinRefused, hash_pin, verify_pin


def test_the_pin_is_stored_salted_and_checked() -> None:
    first, second = hash_pin("2468"), hash_pin("２４６８")  # full-width digits from an IME
    assert "2468" not in first
    assert first.startswith("scrypt$16384$8$1$") and first != second  # a new salt each time
    assert verify_pin(first, "2468") and verify_pin(second, "2468")
    assert not verify_pin(first, "2469") and not verify_pin(first, "")
    assert not verify_pin("garbage", "2468") and not verify_pin("", "2468")


@pytest.mark.parametrize("pin", ["123", "12ab", "", "1234567890123"])
def test_a_pin_that_is_not_4_to_12_digits_is_refused(pin: str) -> None:
    with pytest.raises(PinRefused):
        hash_pin(pin)


def test_five_wrong_pins_start_a_pause_that_grows() -> None:
    attempts = Attempts()
    pauses = [attempts.failed(now=100.0) for _ in range(9)]
    assert pauses == [0, 0, 0, 0, 30, 60, 120, 240, 480]
    assert attempts.wait(100.0) == 480 and attempts.wait(580.0) == 0
    for _ in range(5):
        attempts.failed(now=0.0)
    assert attempts.pause_after() == 15 * 60
    attempts.reset()
    assert attempts.wait(0.0) == 0 and attempts.pause_after() == 0
