"""Benchmark tools: synthetic newspaper pages with gold, scoring."""
