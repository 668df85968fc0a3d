"""The operators' home takes no input."""
