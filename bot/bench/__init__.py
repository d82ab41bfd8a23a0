"""The benchmark command: one module per benchmark."""
