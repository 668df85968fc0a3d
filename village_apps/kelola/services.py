"""The operators' home writes nothing: each step of its checklist is done where it links."""
