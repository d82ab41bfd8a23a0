"""The platform-independent core: ingestion, search, answers. Knows nothing of chat platforms."""
