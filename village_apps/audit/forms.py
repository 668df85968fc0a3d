"""Forms of the audit app: the log page's filters are read by the selector from the
query string; nothing is posted."""
