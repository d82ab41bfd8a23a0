"""The terminal front end: a chat over standard input and output, for anyone without a platform token."""
