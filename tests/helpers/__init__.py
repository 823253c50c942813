"""Helpers shared by the test modules (which never import each other): page queries, page openers,
the emulated cluster's objects and requests."""
