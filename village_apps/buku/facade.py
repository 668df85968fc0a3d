"""What the rest of Balai may call in the books app: nothing outside the village yet
(the ``buku`` CLI runs inside the village's context and uses the registry)."""
