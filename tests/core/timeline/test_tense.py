"""Forecasts, plans, threats and conditions are told from reported outcomes."""

from __future__ import annotations

import pytest

from bot.core.timeline.tense import is_forecast


@pytest.mark.parametrize(
    ("sentence", "forecast"),
    [
        ("The final signing will likely take place by the end of November.", True),
        ("The signing had originally been expected in 2012.", True),
        ("Both countries wanted to sign such a deal in 2012.", True),
        ("Opposition parties threatened to impeach the minister if the agreement is signed.", True),
        ("The agreement was signed on Nov. 23.", False),
        ("Talks resumed in May after a pause.", False),
    ],
)
def test_is_forecast(sentence: str, forecast: bool) -> None:
    """Modal, future, intended and conditional wording is a forecast; past-tense outcomes and the month May are not."""
    assert is_forecast(sentence) is forecast
