"""A question-answering bot that quotes news articles, for Discord, Slack and a local console."""
