"""Code lists of the public website app: none yet (articles, pages and menus are
free content)."""
