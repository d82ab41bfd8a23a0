"""Admin tools: adding and removing corpus files, reloads and statistics for moderators."""
