"""Benchmarks of issues 7 and 14: a scaled corpus and the speed of every stage on it.

Run ``python -m benchmarks.run --help``; the figures go to ``benchmarks/RESULTS.md``.
Nothing here is imported by the project itself.
"""
