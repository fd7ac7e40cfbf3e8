"""Collection settings for the whole tree (doctests in src/, README.md and docs/)."""

collect_ignore = ["src/cica_cbm/__main__.py", ".ci-venv", ".venv"]
