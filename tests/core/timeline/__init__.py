"""Tests for bot.core.timeline."""
