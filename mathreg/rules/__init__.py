r"""The rules that link one step of a derivation to the next, each with a check that can fail.

Every rule is an immutable dataclass with a ``name`` (shown beside the step), a
:meth:`Rule.describe` for the reader, and a :meth:`Rule.check` that raises
:class:`RuleViolation` with a reason when the new statement does not follow from the previous
one, and otherwise returns what it relied on (for the ledger, :mod:`mathreg.ledger`).

=========================== ======================================================================
rule                        what its check proves
=========================== ======================================================================
``premise``                 nothing: the starting assumption, allowed only as the first step
``equal``                   the statements are equal, every part compared, after named rewrites
``substitute``              the previous statement with a definition, an instantiation, an
                            identity or a cited lemma applied
``substitute into``         the previous equation used inside a law (a checked result or a
                            definition)
``apply to both``           a function applied to both sides, both inside its domain
``rearrange``               terms moved across an equation, or both sides scaled by a nonzero
                            factor
``solve``                   a linear equation solved for its unknown, the coefficient provably
                            nonzero (a matrix coefficient: positive definite)
``maximise``                a new name for the argmax of the previous right-hand side
``monotone``                objective ↦ g(objective) with g strictly monotone where the objective
                            lives; decreasing g swaps max and min
``up to a constant``        the objectives differ by something free of the problem's parameters
``proportional``            the right-hand sides' ratio is positive and free of the parameters
``differentiate``           the derivative of a defined quantity, hidden dependence refused
``chain rule``              a gradient pulled back through a cited map
``stationary point``        the minimiser of a quadratic with positive-definite Hessian: gradient
                            0
``series``                  an expansion near 0, confirmed by a limit of the remainder
``evaluate``                an expectation or probability from sympy.stats, confirmed exactly
                            at admissible points and for every admissible value
``linearity of expectation`` linearity and independence, with the known moments
``by cases``                a piecewise identity checked on every interval of one variable
``convex minimum``          the minimiser of a strictly convex function of one variable, by its
                            optimality condition, checked case by case
``first-derivative test``   the optimum of a function of one positive variable, from the sign of
                            its derivative
``induction``               a closed form of a recursion: base case and inductive step
=========================== ======================================================================

Only these rules may appear in a :class:`~mathreg.proof.Derivation`: a subclass could
override a check, so the engine accepts exactly these types (:data:`RULE_TYPES`).
"""

from mathreg.rules.algebraic import (
    ApplyToBoth,
    Equal,
    Premise,
    Rearrange,
    Solve,
    Substitute,
    SubstituteInto,
)
from mathreg.rules.base import Rule, RuleViolation
from mathreg.rules.calculus import ChainRule, Differentiate, Series, Stationary
from mathreg.rules.cases import ByCases, ConvexMinimum, FirstDerivativeTest, Induction
from mathreg.rules.optimisation import Maximise, Monotone, Proportional, UpToConstant
from mathreg.rules.probability import Evaluate, Linearity

__all__ = [
    "RULE_TYPES",
    "ApplyToBoth",
    "ByCases",
    "ChainRule",
    "ConvexMinimum",
    "Differentiate",
    "Equal",
    "Evaluate",
    "FirstDerivativeTest",
    "Induction",
    "Linearity",
    "Maximise",
    "Monotone",
    "Premise",
    "Proportional",
    "Rearrange",
    "Rule",
    "RuleViolation",
    "Series",
    "Solve",
    "Stationary",
    "Substitute",
    "SubstituteInto",
    "UpToConstant",
]

#: The rule types a derivation may use, in the order the table above lists them.
RULE_TYPES: tuple[type[Rule], ...] = (
    Premise,
    Equal,
    Substitute,
    SubstituteInto,
    ApplyToBoth,
    Rearrange,
    Solve,
    Maximise,
    Monotone,
    UpToConstant,
    Proportional,
    Differentiate,
    ChainRule,
    Stationary,
    Series,
    Evaluate,
    Linearity,
    ByCases,
    ConvexMinimum,
    FirstDerivativeTest,
    Induction,
)
