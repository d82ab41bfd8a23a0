"""The Slack front end: turns Slack events into core calls and core answers into Block Kit messages."""
