"""Tests for bot.core.search."""
