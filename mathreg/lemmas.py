r"""Checks for side facts that several derivations cite as :class:`~mathreg.ledger.Lemma`.

Each function takes the lemma's statement and returns ``None`` when its check passes, or the
reason it does not, so a lemma is always checked against exactly what it states.
"""

from __future__ import annotations

from collections.abc import Callable

import sympy as sp

from mathreg.domain import is_nonnegative, is_positive

__all__ = ["LEMMA_CHECKS", "gram_plus_ridge_is_positive_definite", "lemma_check"]

#: The functions the book accepts as checks of a lemma: each reviewed with the book, and
#: registered by :func:`lemma_check`. A lemma checked by anything else is listed as resting on
#: code outside this list.
LEMMA_CHECKS: set = set()


def lemma_check(function: Callable[[sp.Basic], str | None]) -> Callable[[sp.Basic], str | None]:
    """Register ``function`` as one of the book's lemma checks (a decorator)."""
    LEMMA_CHECKS.add(function)
    return function


def _is_gram(term: sp.Basic) -> bool:
    """Whether ``term`` is :math:`c\\,A^T A` with :math:`c \\ge 0` (positive semidefinite)."""
    coefficient, matrix = term.as_coeff_mmul()
    factors = matrix.args if isinstance(matrix, sp.MatMul) else (matrix,)
    if not is_nonnegative(
        sp.Mul(*[f for f in factors if not isinstance(f, sp.MatrixExpr)], coefficient)
    ):
        return False
    mats = [f for f in factors if isinstance(f, sp.MatrixExpr)]
    return len(mats) == 2 and mats[0] == mats[1].T


@lemma_check
def gram_plus_ridge_is_positive_definite(statement: sp.Basic) -> str | None:
    r"""Check ``Q.positive_definite(M)`` for :math:`M = \sum_k c_k A_k^T A_k + \lambda I`.

    Each :math:`c_k A_k^T A_k` with :math:`c_k \ge 0` is positive semidefinite
    (:math:`v^T A^T A v = \lVert A v \rVert^2 \ge 0`), and :math:`\lambda I` with
    :math:`\lambda > 0` is positive definite (:math:`v^T v > 0` for :math:`v \ne 0`); a sum
    of positive semidefinite matrices and one positive definite matrix is positive definite.
    The check recognises that form, term by term, and proves the signs.

    Examples
    --------
    >>> m, d = sp.symbols("m d", integer=True, positive=True)
    >>> X, lam = sp.MatrixSymbol("X", m, d), sp.Symbol("lambda", positive=True)
    >>> gram_plus_ridge_is_positive_definite(sp.Q.positive_definite(X.T * X + lam * sp.Identity(d)))
    >>> gram_plus_ridge_is_positive_definite(sp.Q.positive_definite(X.T * X))
    'no positive multiple of the identity: X.T*X may be singular'
    """
    if not (
        isinstance(statement, sp.AppliedPredicate) and statement.function == sp.Q.positive_definite
    ):
        return "the statement must be Q.positive_definite(M)"
    (matrix,) = statement.arguments
    terms = matrix.args if isinstance(matrix, sp.MatAdd) else (matrix,)
    definite = False
    for term in terms:
        coefficient, core = term.as_coeff_mmul()
        scale = sp.Mul(
            coefficient,
            *[
                f
                for f in (core.args if isinstance(core, sp.MatMul) else ())
                if not isinstance(f, sp.MatrixExpr)
            ],
        )
        mats = [
            f
            for f in (core.args if isinstance(core, sp.MatMul) else (core,))
            if isinstance(f, sp.MatrixExpr)
        ]
        if len(mats) == 1 and isinstance(mats[0], sp.Identity):
            if is_positive(scale):
                definite = True
                continue
            if is_nonnegative(scale):
                continue
            return f"{sp.sstr(term)}: the multiple of the identity is not provably nonnegative"
        if not _is_gram(term):
            return f"{sp.sstr(term)} is not of the form c·AᵀA with c ≥ 0"
    if not definite:
        return f"no positive multiple of the identity: {sp.sstr(matrix)} may be singular"
    return None
