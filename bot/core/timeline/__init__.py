"""Dates in text: time expressions, question periods and the story's timeline of events."""
