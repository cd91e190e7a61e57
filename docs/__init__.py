"""The site's pages (Markdown), not a Python package.

This file only gives ``docs/conftest.py`` (the Sybil set-up for the page examples) the unique
module name ``docs.conftest``, since ``tests/conftest.py`` is already ``conftest``.
"""
