"""The pure core: time, states and bodies, notes, drafts, rules, silence, consensus, Action Plan.

Nothing here does I/O, reads the environment or the clock: whatever needs "now" takes it as an
argument. The core imports neither :mod:`cica_cbm.views` nor :mod:`cica_cbm.edges`, except the
lazy ``_repr_html_`` hooks, which load :mod:`cica_cbm.views.html` when a notebook asks.
"""
