"""Sphinx configuration: build with ``sphinx-build -W -b html docs docs/_build/html``.

The pages are Markdown (MyST). Their ``>>>`` examples are run by pytest as doctests, not by
Sphinx; the API reference comes from the docstrings through ``sphinx.ext.autodoc``.
"""

from __future__ import annotations

from importlib.metadata import version as _version

project = "cica_cbm"
author = "cica_cbm developers"
copyright = "cica_cbm developers"
release = _version("cica_cbm")
version = release

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.viewcode",
    "sphinx_copybutton",
]

source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", "conftest.py"]

myst_heading_anchors = 3
myst_enable_extensions = ["deflist"]

autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_default_options = {
    "members": True,
    "undoc-members": True,
    "show-inheritance": True,
}

# The copy button copies the code of an example without its prompts and output, so that every
# step of the tutorial can be pasted into a shell or a Python session as it is. (A compound
# statement, such as a for loop, is the last of its block: after pasting it, press Enter twice,
# as Python's prompt asks.)
copybutton_prompt_text = r">>> |\.\.\. |\$ "
copybutton_prompt_is_regexp = True
copybutton_only_copy_prompt_lines = True

html_theme = "alabaster"
html_title = f"cica_cbm {release}"
html_theme_options = {
    "description": "How CICA takes decisions: notes, drafts, silence procedures, consensus.",
    "fixed_sidebar": True,
    # wide enough for the examples' 100-character lines
    "page_width": "1280px",
    "sidebar_width": "240px",
    "body_max_width": "none",
}
