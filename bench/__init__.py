"""Benchmarks: ``python -m bench NAME [--json]``. Not tests; figures go in docs/PERFORMANCE.md."""
