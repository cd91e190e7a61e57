"""MkDocs hook: a code block that fails while a page is generated fails the build.

markdown-exec reports an exception in an executed block (for example a
:class:`~mathreg.proof.DerivationError` raised by ``derivation.check()``) as a *warning* and
puts the traceback on the page. ``mkdocs build --strict`` turns warnings into a failure, but
only when warnings are counted (``mkdocs build -q`` does not count them). This hook makes the
rule unconditional: it listens to markdown-exec's logger and aborts the build, naming the
pages, if any block failed.
"""

from __future__ import annotations

import logging

from mkdocs.exceptions import PluginError

LOGGER = "mkdocs.plugins.markdown_exec"


class _Recorder(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.failures: list[str] = []
        self.page = "?"

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if "exited with" in message:
            last = [line.strip() for line in message.splitlines() if line.strip()][-1]
            self.failures.append(f"{self.page}: {last}")


_recorder = _Recorder()


def on_startup(command, dirty, **kwargs):
    logger = logging.getLogger(LOGGER)
    # `mkdocs build -q` raises the level of the "mkdocs" logger to ERROR, which would drop
    # markdown-exec's warnings before any handler sees them: keep them enabled here.
    logger.setLevel(logging.WARNING)
    if _recorder not in logger.handlers:
        logger.addHandler(_recorder)


def on_pre_build(config, **kwargs):
    _recorder.failures.clear()


def on_page_markdown(markdown, page, **kwargs):
    _recorder.page = page.file.src_uri
    return markdown


def on_post_build(config, **kwargs):
    if _recorder.failures:
        raise PluginError(
            "code executed while generating the pages failed:\n  " + "\n  ".join(_recorder.failures)
        )
