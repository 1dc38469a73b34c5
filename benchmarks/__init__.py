"""Benchmarks: a synthetic dataset generator and the figures issue 5 asks for."""
