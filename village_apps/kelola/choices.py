"""Code lists of the operators' home: none (its checklist steps are ``selectors.LANGKAH``)."""
