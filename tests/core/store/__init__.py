"""Tests for bot.core.store."""
