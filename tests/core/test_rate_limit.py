"""The per-person rate limit: a sliding window, per-server overrides, and a table that does not grow forever."""

from __future__ import annotations

import pytest

from bot import messages
from bot.core.rate_limit import RateLimit, RateLimited


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_each_person_gets_their_own_window() -> None:
    """Two questions pass, the third waits until the first leaves the window; another person is not affected."""
    clock = Clock()
    limit = RateLimit(2, 60.0, clock)
    assert limit.retry_after("ann") == 0.0 and limit.retry_after("ann") == 0.0
    clock.now += 10
    assert limit.retry_after("ann") == 50.0
    assert limit.retry_after("bob") == 0.0
    clock.now += 50
    assert limit.retry_after("ann") == 0.0


def test_a_server_rate_overrides_the_default_and_zero_seconds_turns_it_off() -> None:
    """A server's own rate and window apply; a window of 0 s lets everything through."""
    clock = Clock()
    limit = RateLimit(5, 60.0, clock)
    assert limit.retry_after("ann", rate=1, per=30.0) == 0.0
    assert limit.retry_after("ann", rate=1, per=30.0) == 30.0
    assert all(limit.retry_after("bob", per=0.0) == 0.0 for _ in range(20))


def test_people_who_stopped_asking_are_forgotten() -> None:
    """After many checks, people whose window has passed no longer take room."""
    clock = Clock()
    limit = RateLimit(1, 1.0, clock)
    for person in range(3000):
        limit.retry_after(person)
        clock.now += 0.01
    assert len(limit) < 1200


def test_check_says_how_long_to_wait() -> None:
    """Past the limit, ``check`` raises the wait message (whole seconds, at least 1) that every front end shows."""
    clock = Clock()
    limit = RateLimit(1, 60.0, clock)
    limit.check("ann")
    clock.now += 59.8
    with pytest.raises(RateLimited) as raised:
        limit.check("ann")
    assert raised.value.user_message == messages.COOLDOWN.format(seconds=1)


@pytest.mark.parametrize(("rate", "per"), [(-5, 60.0), (0, 60.0), (2, float("inf")), (2, float("nan")), (2, -1.0)])
def test_a_server_value_out_of_range_falls_back_to_the_default(rate: int, per: float) -> None:
    """A stored rate below 1 or a window that is negative, endless or NaN is ignored: the default applies, no crash."""
    clock = Clock()
    limit = RateLimit(2, 60.0, clock)
    assert limit.retry_after("ann", rate=rate, per=per) == 0.0
    limit.check("ann", rate=rate, per=per)
    with pytest.raises(RateLimited) as raised:
        limit.check("ann", rate=rate, per=per)
    assert raised.value.user_message == messages.COOLDOWN.format(seconds=60)
