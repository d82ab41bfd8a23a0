"""Turning ranked passages into quoted answers, and scoring answers against labelled questions."""
