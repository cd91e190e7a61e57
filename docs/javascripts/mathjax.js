// MathJax 3 configuration. The library itself is served from this site
// (assets/mathjax/, copied from the pip package django-static-mathjax by
// docs/hooks/offline_mathjax.py), so math typesets without any network access.
window.MathJax = {
  tex: {
    inlineMath: [["\\(", "\\)"]],
    displayMath: [["\\[", "\\]"]],
    processEscapes: true,
    processEnvironments: true,
    tags: "ams", // \tag{n} shows the lecture note's equation numbers
  },
  svg: {
    // Glyphs are SVG paths: no web fonts at all. A per-formula cache survives
    // Material's instant navigation, which swaps the page body.
    fontCache: "local",
  },
  options: {
    // pymdownx.arithmatex (generic mode) wraps every formula in .arithmatex;
    // typeset those and nothing else (code blocks stay untouched).
    ignoreHtmlClass: ".*|",
    processHtmlClass: "arithmatex",
  },
  startup: {
    typeset: false, // typesetting is driven by Material's document$ below
    ready() {
      MathJax.startup.defaultReady();
      MathJax.startup.promise.then(() => {
        // document$ emits the first page and every page reached through
        // instant navigation; typeset each one afresh.
        document$.subscribe(() => {
          const output = MathJax.startup.output;
          if (output.clearFontCache) output.clearFontCache(); // SVG output
          if (output.clearCache) output.clearCache(); // CHTML output
          MathJax.typesetClear();
          MathJax.texReset();
          // exposed so tests (and curious readers) can wait for the math
          window.mathregTypeset = MathJax.typesetPromise();
        });
      });
    },
  },
};
