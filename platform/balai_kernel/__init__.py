"""Balai's shared kernel: small, model-free helpers every layer may use.

The lowest layer of the project (kernel → tenants → village apps → control plane →
site; see docs/architecture.md). It imports nothing of the project, so a village app,
the tenants package and the control plane can all share one spreadsheet guard, one
money formatter or one way of saying who acts, without importing each other.
"""
