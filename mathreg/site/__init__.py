"""The site's build, as plain steps that any MkDocs-compatible builder runs without hooks.

- :mod:`~mathreg.site.nav`: the navigation, from the topic registry (read by ``mkdocs.yml``);
- :mod:`~mathreg.site.pagekit`: helpers for the code blocks that pages execute (markdown-exec);
- :mod:`~mathreg.site.figures`: ``python -m mathreg figures DIR``, run by ``make`` before a build;
- :mod:`~mathreg.site.mathjax` and :mod:`~mathreg.site.mathsvg`: every formula typeset to SVG
  while the pages are converted, so readers download no math JavaScript;
- :mod:`~mathreg.site.griffe_rst`: the API page's numpydoc docstrings as Markdown, and
  :mod:`~mathreg.site.griffe_order`: the API page lists the registry's functions first (both
  griffe extensions, configured in ``mkdocs.yml``); ``templates/`` keeps the API page's
  source listings out of the search index;
- :mod:`~mathreg.site.check`: ``python -m mathreg.site.check SITE``, run by ``make`` after a
  build: fails on a failed ``exec`` block or a formula that was not typeset.
"""
