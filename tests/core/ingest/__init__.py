"""Tests for bot.core.ingest."""
