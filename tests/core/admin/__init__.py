"""Tests for bot.core.admin."""
