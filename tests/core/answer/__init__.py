"""Tests for bot.core.answer."""
