"""Single-node corruptions of a statement, for the test that the checker rejects all of them.

Every corruption changes one node of a statement's expression tree:

- a number n becomes n + 1 (and -n when n is not 0);
- a term of a sum is dropped; a factor of a product is dropped;
- a term or a factor changes sign;
- an exponent e becomes e + 1 or -e;
- argmax and argmin are swapped;
- a name (symbol, matrix symbol, indexed base) becomes another name of the same kind (a new
  one, and the derivation's names of that kind that sort just before and after it), on
  either side of the statement;
- a limit of a sum or product moves by one.

Nothing here is tuned to the derivations: the operations apply wherever they can.
"""

from __future__ import annotations

from collections.abc import Iterator

import sympy as sp

from mathreg.notation import ArgMax, ArgMin, ArgOpt

_LEAVES = (sp.MatrixSymbol, sp.IndexedBase, sp.Symbol, sp.core.symbol.Str)


def nodes(expr: sp.Basic, path: tuple[int, ...] = ()) -> Iterator[tuple[tuple[int, ...], sp.Basic]]:
    """Every node with its path (the argument indices from the root)."""
    yield path, expr
    if isinstance(expr, _LEAVES) or type(expr).__module__.startswith("sympy.stats"):
        return
    for k, arg in enumerate(expr.args):
        if isinstance(arg, sp.Basic):
            yield from nodes(arg, (*path, k))


def _rebuild(node: sp.Basic, args: list) -> sp.Basic:
    try:
        return node.func(*args, evaluate=False)
    except TypeError:
        return node.func(*args)


def replace_at(expr: sp.Basic, path: tuple[int, ...], new: sp.Basic) -> sp.Basic:
    """``expr`` with the node at ``path`` replaced by ``new`` (only that occurrence)."""
    if not path:
        return new
    args = list(expr.args)
    args[path[0]] = replace_at(args[path[0]], path[1:], new)
    return _rebuild(expr, args)


def _other_names(node: sp.Basic, pool: set) -> list[sp.Basic]:
    if isinstance(node, sp.MatrixSymbol):
        same = [p for p in pool if isinstance(p, sp.MatrixSymbol) and p.shape == node.shape]
        fresh = sp.MatrixSymbol("Zz", *node.shape)
    elif isinstance(node, sp.IndexedBase):
        same = [p for p in pool if isinstance(p, sp.IndexedBase)]
        fresh = sp.IndexedBase("zz")
    else:
        same = [p for p in pool if type(p) is type(node) and p.is_integer == node.is_integer]
        fresh = sp.Symbol("zz", integer=True) if node.is_integer else sp.Symbol("zz")
    # a new name, and the two names of the same kind that sort next to it: every name swap
    # is covered without trying every pair
    ordered = sorted((p for p in same if p != node), key=str)
    after = [p for p in ordered if str(p) > str(node)][:1]
    before = [p for p in ordered if str(p) < str(node)][-1:]
    return [*before, *after, fresh]


def _changes(node: sp.Basic, parent: sp.Basic | None, pool: set) -> Iterator[tuple[str, sp.Basic]]:
    if isinstance(node, sp.Number):
        yield "number", node + 1
        if node != 0:
            yield "number", -node
        return
    if isinstance(node, (sp.Add, sp.MatAdd)) and len(node.args) >= 2:
        for k in range(len(node.args)):
            rest = [a for j, a in enumerate(node.args) if j != k]
            yield "dropped term", rest[0] if len(rest) == 1 else _rebuild(node, rest)
    if isinstance(node, (sp.Mul, sp.MatMul, sp.HadamardProduct)) and len(node.args) >= 2:
        for k in range(len(node.args)):
            rest = [a for j, a in enumerate(node.args) if j != k]
            yield "dropped factor", rest[0] if len(rest) == 1 else _rebuild(node, rest)
    if isinstance(node, sp.Pow):
        yield "exponent", sp.Pow(node.base, node.exp + 1, evaluate=False)
        yield "exponent", sp.Pow(node.base, -node.exp, evaluate=False)
    if isinstance(node, ArgOpt):
        swapped = ArgMin if isinstance(node, ArgMax) else ArgMax
        yield "argmax/argmin", swapped(*node.args)
    if isinstance(node, (sp.Symbol, sp.MatrixSymbol, sp.IndexedBase)):
        for other in _other_names(node, pool):
            yield "name", other
    if isinstance(node, (sp.Sum, sp.Product)):
        for k, (index, low, high) in enumerate(node.limits):
            for new in (
                (index, low + 1, high),
                (index, low - 1, high),
                (index, low, high + 1),
                (index, low, high - 1),
            ):
                limits = list(node.limits)
                limits[k] = new
                yield "limit", node.func(node.function, *limits)
    if isinstance(parent, (sp.Add, sp.Mul, sp.MatAdd, sp.MatMul)) and isinstance(node, sp.Expr):
        yield (
            "sign",
            sp.Mul(-1, node, evaluate=False) if not isinstance(node, sp.MatrixExpr) else -node,
        )


def corruptions(statement: sp.Basic, pool: set) -> Iterator[tuple[str, sp.Basic]]:
    """Every single-node corruption of ``statement`` that can be built; ``pool`` holds the
    names a name may be swapped for."""
    parents = {path: node for path, node in nodes(statement)}
    for path, node in nodes(statement):
        parent = parents.get(path[:-1]) if path else None
        if isinstance(node, (sp.Tuple, sp.core.symbol.Str)):
            continue
        for kind, new in _changes(node, parent, pool):
            try:
                yield kind, replace_at(statement, path, new)
            except (TypeError, ValueError, IndexError, sp.ShapeError, AttributeError):
                continue
