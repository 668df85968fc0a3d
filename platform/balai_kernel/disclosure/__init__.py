"""Balai's disclosure policy: the one set of rules every public aggregate goes through.

Public aggregates are the village website's statistics (pages, charts, headline
counts), the aid-programme page, the province dashboards' public view with its CSV/XLSX
downloads, and the open-data API (JSON and CSV). All of them obey:

- ``policy``: the threshold (counts 1–4 are published as ``"<5"``, cells hidden to
  protect them as ``"x"``), the special categories (health, disability, pregnancy,
  contraception) that stay off every public output unless the village turns them on,
  and which cells are not counts of people (money, number of hamlets);
- ``suppression``: which cells to hide — the small ones and their complements, chosen
  once per province so that every output hides the same cells, and so that no hidden
  cell follows from the published ones, nor from them together with what an insider
  (a village's operators, a kabupaten's contract managers) sees exactly;
- ``source``: how a village app reads its own published statistics (the stored result
  of that one pass) without importing the control plane, which computes them.

This package is plain Python (no models, no Django imports), so village apps and the
control plane can both import it (docs/security.md, "Disclosure policy").
"""
