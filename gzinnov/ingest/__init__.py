"""Ingest: read the packaged data and users' CSV/XLSX files into validated tidy rows.

``read``, ``text`` and ``xlsx`` turn a file into raw cells; ``parse`` and ``cells`` read
numbers, years and units; ``checks`` validates rows against the registry; ``load`` gives the
packaged observations and sources and folds users' files in.

May import: the top-level modules (registry, derive, errors, files, tables) and this folder.
"""
