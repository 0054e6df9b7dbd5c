"""Benchmarks behind `make bench-*`: they measure, print tables, and never train on what they score."""
