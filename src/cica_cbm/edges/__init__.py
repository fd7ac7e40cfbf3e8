"""Edges: where the library meets the world (serialization, stores, the command line, strategies).

Edges import the core and the views; nothing below them imports an edge.
"""
