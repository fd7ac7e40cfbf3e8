"""Collection settings for the whole tree (doctests in src/, README.md and docs/)."""

import importlib.util

collect_ignore = ["src/cica_cbm/__main__.py", ".ci-venv", ".venv"]

# the PostgreSQL store's module imports psycopg (the postgres extra, part of the test extra):
# an environment without it still collects everything else
if importlib.util.find_spec("psycopg") is None:
    collect_ignore.append("src/cica_cbm/edges/store/postgres.py")
