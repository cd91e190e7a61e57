"""Fourth red-team round: attacks on the mathreg engine at commit 9b998b8.

Each ``attack_<n>()`` builds a :class:`mathreg.proof.Derivation` and returns it. On 9b998b8,
``d.check()`` does **not** raise for any of them, yet a derived step is false, or rests on
something the ledger does not show. ``READER_FILES`` holds attacks that only a reader's file
can make (``python -m mathreg check FILE.py``): they patch SymPy itself, which the engine's
seal did not cover. ``ANSWERS`` holds typed exercise answers that hung the judge or crashed
it with a traceback.

Severity tags, as in the earlier rounds:
  [A] a mathematically false conclusion from true premises and true declared inputs;
  [B] the ledger hides something a step rests on;
  [D] the exercise judge hangs or crashes instead of a one-line error.
"""

import sympy as sp
from sympy.core.assumptions import StdFactKB

from mathreg.proof import Derivation, Step
from mathreg.rules import Equal, Premise, Rearrange, Solve


def _d(name, steps, given=()):
    return Derivation(
        name, name, (), tuple(Step(e, r, "attack") for e, r in steps), given=tuple(given)
    )


def attack_1():
    """[A] A Symbol subclass whose ``__eq__``/``__hash__`` say it is x: y = x gives y = z.

    ``context._own_code`` skipped every special method (``__*__``), so a class that brings
    only ``__eq__`` and ``__hash__`` passed as a plain name; SymPy's ``Add`` then merges x and
    z, and Equal finds the difference x − z to be 0. The page shows y = x, then y = z.
    Hole class: a statement's class brings its own code through a special method.
    """
    x, y = sp.symbols("x y")

    class Z(sp.Symbol):
        def __eq__(self, other):
            return other == x or sp.Symbol.__eq__(self, other)

        def __hash__(self):
            return hash(x)

    z = Z("z")
    return _d("r4a1", [(sp.Eq(y, x), Premise()), (sp.Eq(y, z), Equal())])


def _poisoned(expr):
    """``expr`` (a SymPy-cached object, shared by every later ``c - 1``) told it is positive."""
    expr._assumptions = StdFactKB({"positive": True})
    return expr


def attack_2():
    """[A/B] Solve divides by c − 1 for an unconstrained c: the cached sign facts of the
    object ``c - 1`` were overwritten, and the ledger (which reads the symbols) shows nothing.

    SymPy answers ``(c - 1).is_nonzero`` from the object's ``_assumptions`` cache, which code
    can write; SymPy's cache returns that same object wherever ``c - 1`` is built again.
    Hole class: cached assumption facts on a compound node (proof.py, domain.py).
    """
    a, c = sp.symbols("a c")
    e = _poisoned(c - 1)
    return _d("r4a2", [(sp.Eq(e * a, 1), Premise()), (sp.Eq(a, 1 / e), Solve(a))])


def attack_3():
    """[A] log((c − 1)²) = 2 log(c − 1) for an unconstrained c, by the same poisoned cache.

    Hole class: cached assumption facts on a compound node.
    """
    c, y = sp.symbols("c y")
    e = _poisoned(c - 1)
    return _d(
        "r4a3",
        [(sp.Eq(y, sp.log(e**2)), Premise()), (sp.Eq(y, 2 * sp.log(e)), Equal("expand_log"))],
    )


def attack_4():
    """[A/B] Rearrange cancels a factor c − 1 that may be 0, by the same poisoned cache.

    Hole class: cached assumption facts on a compound node.
    """
    a, b, c = sp.symbols("a b c")
    e = _poisoned(c - 1)
    return _d(
        "r4a4",
        [(sp.Eq(e * a, e * b, evaluate=False), Premise()), (sp.Eq(a, b), Rearrange())],
    )


def attack_5():
    """[A/B] An entry x[1] of an indexed name whose cached facts were overwritten: w = 1/x₁
    is "defined everywhere", with x₁ possibly 0, and 1/x₁² = (1/x₁)² splits silently.

    Hole class: cached assumption facts on an indexed entry.
    """
    xs = sp.IndexedBase("x")
    w = sp.Symbol("w")
    entry = xs[1]
    entry._assumptions = StdFactKB({"positive": True, "commutative": True})
    return _d("r4a5", [(sp.Eq(w, 1 / entry), Premise()), (sp.Eq(w, entry**-1), Equal())])


_STEPS = (
    "import sympy as sp\n"
    "from mathreg.proof import Derivation, Step\n"
    "from mathreg.rules import Equal, Premise\n"
    "x, y = sp.symbols('x y')\n"
    "def attack() -> Derivation:\n"
    "    return Derivation('attack', 'attack', (), (\n"
    "        Step({premise}, Premise(), 'given'),\n"
    "        Step({claim}, Equal({rewrites}), 'the attack'),\n"
    "    ))\n"
)

#: reader's files that patch SymPy (not mathreg) before their false step: number → (source,
#: what the seal must name). On 9b998b8 each was reported checked.
READER_FILES = {
    6: (
        # [A] sympy.expand replaced: every difference holding a 7 is "0"; y = x gives y = x + 7
        "import sympy as sp\n"
        "_expand = sp.expand\n"
        "def expand(e, *a, **k):\n"
        "    out = _expand(e, *a, **k)\n"
        "    return sp.S.Zero if out.has(sp.Integer(7)) else out\n"
        "sp.expand = expand\n"
        + _STEPS.format(premise="sp.Eq(y, x)", claim="sp.Eq(y, x + 7)", rewrites=""),
        "sympy.expand",
    ),
    7: (
        # [A] a class-level fact added to a SymPy class: sin is "positive", so
        # log(sin(x)^2) = 2 log(sin(x)) for every x, and the ledger is empty
        "import sympy as sp\n"
        "sp.sin.is_positive = True\n"
        + _STEPS.format(
            premise="sp.Eq(y, sp.log(sp.sin(x)**2))",
            claim="sp.Eq(y, 2*sp.log(sp.sin(x)))",
            rewrites="'expand_log'",
        ),
        "sympy.functions.elementary.trigonometric.sin.is_positive",
    ),
}

#: typed answers to ``l1-gradient`` that hung the judge (SymPy turns exp(k log 2) into 2**k
#: and computes it) or crashed it with a traceback (an integer of more than 4300 digits
#: cannot be written as text for the digit count): [D]
ANSWERS = {
    10: "exp(999999999999*log(2))",
    11: "exp(log(2)*999999*999999)",
    12: "exp(100000*log(2))",
    13: "lam/m*sign(W) + exp(999999*log(3))*0",
}
