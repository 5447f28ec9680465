"""The layout zoo: the gold-annotated documents, frozen as structured sources, rendered in many layouts and scored.

``sources/*.json`` describe each document page by page (headings, paragraphs,
list items, tables, side boxes, sidebars); :mod:`.pdf_layouts` and
:mod:`.slides` render them; :mod:`.score` runs the project's extraction on a
rendering and scores it against ``tests/gold``. The sources were generated
once by :mod:`.gen_sources` and corrected by hand; the renderers read only the
JSON, so the yardstick does not move when the pipeline changes.
"""
