"""Views: what a person reads (HTML, SVG, diagrams, note text, words for events and instants).

Views read the core and do no I/O; they never import :mod:`cica_cbm.edges`.
"""
