"""Brief: the briefing pack, the only part of gzinnov that writes files.

``build`` runs the pack; ``render`` draws its charts; ``cache`` decides which to copy from the
previous pack; ``book`` joins the chart book; ``progress`` shows the count; ``export`` writes one figure
atomically; ``tables`` writes the CSV/XLSX/Markdown tables; ``html`` the offline page.

May import: everything below it (top-level modules, ingest, analysis, charts) and this folder.
"""
