r"""Derivations from a reader's own file, for ``python -m mathreg check my_proofs.py``.

A reader's file is an ordinary Python file that builds :class:`~mathreg.proof.Derivation`
objects with the engine's own rules and ledger entries; it gets exactly the checks, and
exactly the ledger, of the book's derivations. Its derivations are found in one of two ways:

1. a module-level mapping ``DERIVATIONS``, name → zero-argument function returning a
   ``Derivation`` (as :data:`mathreg.symbolic.DERIVATIONS`): its names, in its order (the
   book's own mapping, imported into the file, does not count);
2. otherwise, every public function *defined in the file* (not imported into it) whose return
   annotation is ``Derivation`` (``def softplus() -> Derivation:``) and that takes no
   arguments: named by the function's name, in the order the file defines them.

Loading a file runs it, as ``python my_proofs.py`` would: only load files you would run. The
file's folder comes first on ``sys.path`` while it loads, so it can import its neighbours.
Nothing else a reader types is run as code.

Since a file could change the engine it is checked by (a function replaced, a check of its
own registered as one of the book's reviewed lemma checks), :class:`EngineSeal` records the
engine before the file is loaded, and the command refuses to report checks once the engine
differs. This catches accidents and casual tampering; it is not a sandbox.

Every problem with the file itself is a :class:`ReaderError` with a one-line message.

Examples
--------
>>> from pathlib import Path
>>> import tempfile
>>> folder = Path(tempfile.mkdtemp())
>>> _ = (folder / "square.py").write_text(
...     "import sympy as sp\n"
...     "from mathreg.proof import Derivation, Step\n"
...     "from mathreg.rules import Equal, Premise\n"
...     "x, y = sp.symbols('x y')\n"
...     "def square() -> Derivation:\n"
...     "    return Derivation('square', 'A square', (), (\n"
...     "        Step(sp.Eq(y, (x + 1) ** 2), Premise(), 'given'),\n"
...     "        Step(sp.Eq(y, x**2 + 2 * x + 1), Equal(), 'expand'),\n"
...     "    ))\n"
... )
>>> found = derivations_in(load(folder / "square.py"))
>>> list(found)
['square']
>>> found["square"]().check()
>>> load(folder / "missing.py")
Traceback (most recent call last):
...
mathreg.reader.ReaderError: no such file: '...missing.py'
"""

from __future__ import annotations

import hashlib
import importlib.util
import inspect
import sys
import traceback
from collections.abc import Callable, Mapping
from pathlib import Path
from types import ModuleType

__all__ = [
    "EngineSeal",
    "ReaderError",
    "build",
    "derivations_in",
    "is_file_target",
    "load",
    "split_target",
]


class ReaderError(Exception):
    """A problem with a reader's file: reported in one line (exit status 2)."""


def is_file_target(argument: str) -> bool:
    """Whether a command-line argument names a file rather than one of the book's derivations.

    The book's names are words and hyphens (``weight-decay``); anything with a dot, a path
    separator or a ``.py:`` is a file, as is the name of anything that exists on disk.

    Examples
    --------
    >>> is_file_target("weight-decay"), is_file_target("mine.py"), is_file_target("a/b")
    (False, True, True)
    >>> is_file_target("proofs.py:softplus"), is_file_target("notes.txt")
    (True, True)
    """
    return (
        "." in argument
        or "/" in argument
        or "\\" in argument
        or ".py:" in argument
        or Path(argument).exists()
    )


def split_target(argument: str) -> tuple[str, str | None]:
    """``"file.py:NAME"`` → ``("file.py", "NAME")``; ``"file.py"`` → ``("file.py", None)``.

    Examples
    --------
    >>> split_target("examples/softplus.py:softplus")
    ('examples/softplus.py', 'softplus')
    >>> split_target("examples/softplus.py")
    ('examples/softplus.py', None)
    """
    path, colon, name = argument.rpartition(":")
    if colon and path.endswith(".py"):
        return path, name
    return argument, None


def load(path: str | Path) -> ModuleType:
    """Run a reader's file as a module and return it.

    Raises
    ------
    ReaderError
        If the file does not exist, is not a ``.py`` file, has a syntax error, or raises
        (or exits) while it loads; the message names the file and, where known, the line.
    """
    path = Path(path)
    if not path.exists():
        raise ReaderError(f"no such file: {str(path)!r}")
    if path.is_dir():
        raise ReaderError(f"{str(path)!r} is a folder, not a .py file")
    if path.suffix != ".py":
        raise ReaderError(f"{str(path)!r} is not a Python file (.py)")
    resolved = path.resolve()
    digest = hashlib.sha256(str(resolved).encode()).hexdigest()[:12]
    name = f"_mathreg_reader_{digest}"
    spec = importlib.util.spec_from_file_location(name, resolved)
    if spec is None or spec.loader is None:  # pragma: no cover - a .py file always has one
        raise ReaderError(f"cannot load {str(path)!r}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses and typing look the module up while it loads
    sys.path.insert(0, str(resolved.parent))
    try:
        spec.loader.exec_module(module)
    except SyntaxError as error:
        del sys.modules[name]
        where = f", line {error.lineno}" if error.lineno else ""
        raise ReaderError(f"{path}{where}: syntax error: {error.msg}") from None
    except (Exception, SystemExit) as error:
        del sys.modules[name]
        raise ReaderError(f"{path}{_line_in(error, resolved)}: {_raised(error)}") from None
    finally:
        sys.path.remove(str(resolved.parent))
    return module


def _raised(error: BaseException, doing: str = "loading it") -> str:
    """``"loading it raised ValueError: ..."`` in one line."""
    message = " ".join(str(error).split())[:300]
    return f"{doing} raised {type(error).__name__}" + (f": {message}" if message else "")


def _line_in(error: BaseException, path: Path) -> str:
    """``", line N"`` for the deepest frame of ``error`` inside the reader's file."""
    lines = [
        f.lineno for f in traceback.extract_tb(error.__traceback__) if Path(f.filename) == path
    ]
    return f", line {lines[-1]}" if lines else ""


def _returns_derivation(function: Callable) -> bool:
    from mathreg.proof import Derivation

    annotation = inspect.get_annotations(function).get("return")
    if annotation is Derivation:
        return True
    return isinstance(annotation, str) and annotation.rpartition(".")[2] == "Derivation"


def _takes_no_arguments(function: Callable) -> bool:
    return all(
        p.default is not p.empty or p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
        for p in inspect.signature(function).parameters.values()
    )


def derivations_in(module: ModuleType) -> dict[str, Callable[[], object]]:
    """The derivation builders a reader's module defines, by name (see the module docstring).

    Raises
    ------
    ReaderError
        If ``DERIVATIONS`` is not a mapping of names to functions, if a function annotated
        to return a ``Derivation`` takes arguments, or if the file defines no derivation.
    """
    import mathreg.symbolic

    where = Path(module.__file__ or "?")
    registry = getattr(module, "DERIVATIONS", None)
    if registry is mathreg.symbolic.DERIVATIONS:
        registry = None  # the book's own, imported: not the file's
    if registry is not None:
        if not isinstance(registry, Mapping):
            raise ReaderError(
                f"{where}: DERIVATIONS must be a mapping of names to functions, "
                f"got {type(registry).__name__}"
            )
        for key, value in registry.items():
            if not isinstance(key, str) or not key:
                raise ReaderError(f"{where}: DERIVATIONS has a key that is not a name: {key!r}")
            if not callable(value):
                raise ReaderError(f"{where}: DERIVATIONS[{key!r}] is not a function")
        if not registry:
            raise ReaderError(f"{where}: DERIVATIONS is empty")
        return dict(registry)
    found = []
    for name, value in vars(module).items():
        if name.startswith("_") or not inspect.isfunction(value):
            continue
        if value.__module__ != module.__name__ or not _returns_derivation(value):
            continue  # imported, or not a derivation builder
        if not _takes_no_arguments(value):
            raise ReaderError(
                f"{where}: {name}() is annotated to return a Derivation but takes arguments; "
                "a derivation function takes none"
            )
        found.append((value.__code__.co_firstlineno, name, value))
    if not found:
        raise ReaderError(
            f"{where}: no derivations found: define DERIVATIONS (name -> function) or "
            "functions annotated '-> Derivation' that take no arguments"
        )
    return {name: value for _, name, value in sorted(found)}


def build(where: str, builder: Callable[[], object]):
    """Call a reader's builder; the :class:`~mathreg.proof.Derivation` it returns.

    Raises
    ------
    ReaderError
        If the builder raises (the engine refuses, for instance, a derivation that does not
        start from a premise, or a ledger entry of a type of the reader's own) or returns
        something else than a ``Derivation``.
    """
    from mathreg.proof import Derivation

    try:
        derivation = builder()
    except (Exception, SystemExit) as error:
        raise ReaderError(f"{where}: {_raised(error, 'building it')}") from None
    if type(derivation) is not Derivation:
        raise ReaderError(
            f"{where}: returned {type(derivation).__name__}, not a mathreg.proof.Derivation"
        )
    # rebuilt from its parts: verdicts the file may have cached on the object are dropped
    return Derivation(
        derivation.name,
        derivation.title,
        derivation.equations,
        derivation.steps,
        derivation.summary,
        derivation.given,
    )


class EngineSeal:
    """A record of the engine's code and registries, to notice a file that changed them.

    Taken before a reader's file is loaded, it holds every attribute of every loaded
    ``mathreg`` module and of the classes those modules define, and the contents of their
    module-level sets, lists and dictionaries (the reviewed lemma checks, the rewrites, the
    book's derivations). :meth:`changes` lists what differs since: an attribute rebound, a
    set or list changed, a dictionary entry changed or removed, an entry added to a public
    dictionary. Private dictionaries are caches that checks fill, so they may grow.
    """

    def __init__(self) -> None:
        import mathreg.render
        import mathreg.rules
        import mathreg.symbolic  # noqa: F401  (imports every derivation module)

        self._objects: dict[tuple[str, str], object] = {}
        self._contents: dict[tuple[str, str], object] = {}
        for module_name, module in sorted(_engine_modules().items()):
            for attribute, value in vars(module).items():
                self._record((module_name, attribute), value)
                if isinstance(value, type) and value.__module__ == module_name:
                    for key, member in vars(value).items():
                        self._objects[(f"{module_name}.{attribute}", key)] = member
        # what the engine stands on: SymPy (every module, class and class-level assumption
        # table), the builtins and the standard modules the checks call. A file that replaced
        # sympy.expand or set sp.sin.is_positive would change every check without touching
        # mathreg. Counters (Dummy._count) change as the checks run and are not recorded.
        self._foreign: dict[tuple[str, str], object] = {}
        self._tables: dict[tuple[str, str], dict] = {}
        self._members: dict[str, frozenset] = {}  # a class attribute added (sp.sin.is_positive)
        for module_name, module in sorted(_foreign_modules().items()):
            for attribute, value in vars(module).items():
                self._foreign[(module_name, attribute)] = value
                if isinstance(value, type) and value.__module__ == module_name:
                    owner = f"{module_name}.{attribute}"
                    self._members[owner] = frozenset(vars(value))
                    for key, member in vars(value).items():
                        if type(member) is int:
                            continue
                        self._foreign[(owner, key)] = member
                        if isinstance(member, dict) and "assumptions" in key:
                            self._tables[(owner, key)] = dict(member)
        from sympy.core.parameters import global_parameters

        self._parameters = dict(vars(global_parameters))

    def _record(self, key: tuple[str, str], value: object) -> None:
        self._objects[key] = value
        if isinstance(value, dict):
            self._contents[key] = dict(value)
        elif isinstance(value, (set, list)):
            self._contents[key] = list(value)

    def forget_caches(self) -> None:
        """Take out of the engine's private dictionaries (caches its checks fill) what was
        added since the seal, and empty SymPy's cache and the engine's memoised functions:
        what a file put in them while it loaded is not trusted."""
        for (owner, attribute), before in self._contents.items():
            if attribute.startswith("_") and isinstance(before, dict):
                now = self._objects[(owner, attribute)]
                for key in [key for key in now if key not in before]:
                    del now[key]
        # SymPy's cache hands back the very objects the file built (with whatever it wrote on
        # them), and the engine's own memoised functions hold answers computed while the
        # file ran: both are emptied
        from sympy.core.cache import clear_cache

        clear_cache()
        for module in _engine_modules().values():
            for value in list(vars(module).values()):
                if callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()

    def changes(self) -> list[str]:
        """What differs from the engine as recorded, as ``module.name`` strings."""
        modules = _engine_modules()
        changed = []
        for (owner, attribute), value in self._objects.items():
            holder = _holder(owner, modules)
            current = vars(holder).get(attribute, _MISSING) if holder is not None else _MISSING
            if current is not value:
                changed.append(f"{owner}.{attribute}")
        for (owner, attribute), before in self._contents.items():
            now = self._objects[(owner, attribute)]
            label = f"{owner}.{attribute}"
            if isinstance(before, dict):
                lost = [key for key, item in before.items() if now.get(key, _MISSING) is not item]
                changed.extend(f"{label}[{key!r}]" for key in lost)
                if not attribute.startswith("_") and len(now) != len(before):
                    changed.append(f"{label} (entries added)")
            elif len(before) != len(now) or any(
                a is not b for a, b in zip(before, list(now), strict=True)
            ):
                changed.append(f"{label} (its contents)")
        changed.extend(self._foreign_changes())
        return sorted(set(changed))

    def _foreign_changes(self) -> list[str]:
        from sympy.core.parameters import global_parameters

        modules = _foreign_modules()
        changed = []
        for (owner, attribute), value in self._foreign.items():
            holder = _holder(owner, modules)
            current = vars(holder).get(attribute, _MISSING) if holder is not None else _MISSING
            if current is not value:
                changed.append(f"{owner}.{attribute}")
        for owner, members in self._members.items():
            holder = _holder(owner, modules)
            if holder is not None:
                changed.extend(f"{owner}.{key}" for key in set(vars(holder)) - members)
        for (owner, attribute), before in self._tables.items():
            if self._foreign[(owner, attribute)] != before:
                changed.append(f"{owner}.{attribute} (its contents)")
        if dict(vars(global_parameters)) != self._parameters:
            changed.append("sympy.core.parameters.global_parameters")
        return changed


_MISSING = object()

#: the standard modules whose functions the checks call (besides SymPy's own)
_STANDARD = (
    "abc",
    "builtins",
    "collections",
    "copy",
    "dataclasses",
    "fractions",
    "functools",
    "inspect",
    "itertools",
    "math",
    "numbers",
    "operator",
    "re",
    "sys",
    "typing",
)


def _foreign_modules() -> dict[str, ModuleType]:
    return {
        name: module
        for name, module in list(sys.modules.items())
        if isinstance(module, ModuleType)
        and (name.split(".")[0] in ("sympy", "mpmath") or name in _STANDARD)
    }


def _engine_modules() -> dict[str, ModuleType]:
    return {
        name: module
        for name, module in list(sys.modules.items())
        if (name == "mathreg" or name.startswith("mathreg.")) and isinstance(module, ModuleType)
    }


def _holder(owner: str, modules: dict[str, ModuleType]):
    """The module or class an attribute was recorded on."""
    if owner in modules:
        return modules[owner]
    module_name, _, cls = owner.rpartition(".")
    module = modules.get(module_name)
    return None if module is None else vars(module).get(cls)
