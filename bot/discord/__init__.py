"""The Discord front end: turns Discord events into core calls and core answers into Discord messages."""
