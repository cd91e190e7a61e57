r"""Weight decay in real optimizers: why L2 in Adam is not weight decay (Loshchilov & Hutter).

Three derivations, per coordinate of the weights:

- ``sgd-l2``: for plain gradient descent, an L2 term :math:`\tfrac{\lambda'}{2} w^2` in the loss
  is exactly a decay of the weight by :math:`1 - \alpha\lambda'` before the usual step (their
  Proposition 1; the note's (13) is this with :math:`\lambda' = \lambda/m`);
- ``adam-l2``: Adam divides each coordinate's step by :math:`\sqrt{\hat v} + \epsilon`; with the
  L2 term in the gradient, the decay factor becomes :math:`1 - \alpha\lambda'/(\sqrt{\hat v} +
  \epsilon)`, so coordinates with large gradients (large :math:`\hat v`) are decayed less. This
  is proved on the first, bias-corrected step, where :math:`\hat m = g'` and
  :math:`\hat v = g'^2` for the gradient :math:`g' = g + \lambda' w`; on later steps
  :math:`\hat m` and :math:`\hat v` are running averages and the same factor holds with their
  values, as a statement about the step's form, not a closed form;
- ``adamw-match``: AdamW decays by :math:`1 - \alpha\lambda` whatever :math:`\hat v`; the L2
  strength that gives the same decay on a coordinate is :math:`\lambda' = \lambda(\sqrt{\hat v}
  + \epsilon)`, which differs between coordinates unless their :math:`\hat v` are equal (their
  Proposition 2): no single :math:`\lambda'` reproduces decoupled weight decay.
"""

import sympy as sp

from mathreg.ledger import Definition, KnownDerivative, Law
from mathreg.notation import named_symbol
from mathreg.proof import Derivation, Step
from mathreg.rules import Differentiate, Equal, Premise, Solve, Substitute, SubstituteInto

__all__ = ["adam_l2", "adamw_match", "sgd_l2"]

w = sp.Symbol("w", real=True)
g = sp.Symbol("g", real=True)
lr = sp.Symbol("alpha", positive=True)
l2 = sp.Symbol("lambda_L2", positive=True)
lam = sp.Symbol("lambda", positive=True)
adam_eps = named_symbol("epsilon", r"\epsilon", positive=True)
v_hat = named_symbol("vhat", r"\hat v", nonnegative=True)
m_hat = named_symbol("mhat", r"\hat m")
w_new = named_symbol("w_new", r"w_{\text{new}}")
loss = named_symbol("f", "f(w)")
cost = named_symbol("J", "J(w)")
grad = named_symbol("G", r"\frac{\partial J}{\partial w}")


def sgd_l2() -> Derivation:
    """[R11]: with SGD, an L2 term is a decay of the weights by 1 − αλ′."""
    data_gradient = KnownDerivative(loss, w, g, "$g$ names the data loss's gradient")
    step = Law(sp.Eq(w_new, w - lr * grad), "one step of gradient descent (the method)")
    return Derivation(
        name="sgd-l2",
        title="With gradient descent, an L2 term is weight decay",
        equations=("R11",),
        steps=(
            Step(
                sp.Eq(cost, sp.Add(loss, sp.Mul(l2 / 2, w**2, evaluate=False), evaluate=False)),
                Premise(),
                r"A data loss $f$ plus an L2 term of strength $\lambda'$, for one weight $w$.",
            ),
            Step(
                sp.Eq(grad, g + l2 * w),
                Differentiate(w, known=[data_gradient], gradient=grad),
                r"The penalty adds $\lambda' w$ to the data gradient $g$.",
            ),
            Step(
                sp.Eq(w_new, w - lr * (g + l2 * w)),
                SubstituteInto(step),
                r"One step of gradient descent with learning rate $\alpha$.",
            ),
            Step(
                sp.Eq(w_new, sp.Add((1 - lr * l2) * w, -lr * g, evaluate=False)),
                Equal(),
                r"Collect the terms in $w$: decay the weight by $1 - \alpha\lambda'$, then take "
                "the plain step.",
                eq="R11",
            ),
        ),
        summary=(
            r"For plain gradient descent, adding $\frac{\lambda'}{2} w^2$ to the loss and "
            r"decaying the weight by $1 - \alpha\lambda'$ before each step are the same thing "
            "(Loshchilov & Hutter's Proposition 1)."
        ),
        given=(Definition(loss, None, "the data loss, a function of $w$", depends_on=(w,)),),
    )


def adam_l2() -> Derivation:
    """[R12]: with Adam, the L2 term's decay is divided by √v̂ + ϵ, coordinate by coordinate."""
    scale = sp.sqrt(v_hat) + adam_eps
    return Derivation(
        name="adam-l2",
        title="With Adam, an L2 term decays each weight by its own factor",
        equations=("R12",),
        steps=(
            Step(
                sp.Eq(w_new, w - lr * m_hat / scale),
                Premise(),
                r"Adam's step for one coordinate: the first-moment estimate $\hat m$ divided by "
                r"the square root of the second-moment estimate $\hat v$, plus $\epsilon$.",
            ),
            Step(
                sp.Eq(w_new, w - lr * (g + l2 * w) / scale),
                Substitute({m_hat: g + l2 * w}),
                r"On the first, bias-corrected step $\hat m$ is the gradient itself, and with L2 "
                r"in the loss that gradient is $g + \lambda' w$ (its square is $\hat v$).",
            ),
            Step(
                sp.Eq(
                    w_new,
                    sp.Add((1 - lr * l2 / scale) * w, -lr * g / scale, evaluate=False),
                ),
                Equal(),
                r"Collect the terms in $w$: the decay factor is "
                r"$1 - \frac{\alpha\lambda'}{\sqrt{\hat v} + \epsilon}$. A coordinate with a "
                r"large gradient has a large $\hat v$ and is decayed less.",
                eq="R12",
            ),
        ),
        summary=(
            r"Adam with an L2 term decays each weight by "
            r"$1 - \frac{\alpha\lambda'}{\sqrt{\hat v} + \epsilon}$: the decay is scaled by the "
            "same per-coordinate factor as the gradient, so weights with large gradients are "
            "regularized less than with weight decay."
        ),
        given=(
            Definition(
                m_hat,
                g + l2 * w,
                "Adam's bias-corrected first moment at the first step: the gradient itself",
            ),
            Definition(v_hat, (g + l2 * w) ** 2, "the second moment at the first step"),
        ),
    )


def adamw_match() -> Derivation:
    """[R13]: the L2 strength that would match AdamW's decay depends on the coordinate."""
    scale = sp.sqrt(v_hat) + adam_eps
    return Derivation(
        name="adamw-match",
        title="No single L2 strength reproduces AdamW",
        equations=("R13",),
        steps=(
            Step(
                sp.Eq(lr * l2 / scale, lr * lam),
                Premise(),
                r"AdamW multiplies the weight by $1 - \alpha\lambda$ whatever the gradients: for "
                r"Adam + L2 to decay a coordinate as much, "
                r"$\frac{\alpha\lambda'}{\sqrt{\hat v} + \epsilon}$ must equal $\alpha\lambda$.",
            ),
            Step(
                sp.Eq(l2, lam * scale),
                Solve(l2),
                r"Solve for $\lambda'$: it would have to be $\lambda(\sqrt{\hat v} + \epsilon)$, "
                r"different for every coordinate whose $\hat v$ differs. Only when all $\hat v$ "
                "are equal (a preconditioner that is a multiple of the identity) does one "
                r"$\lambda'$ work.",
                eq="R13",
            ),
        ),
        summary=(
            "To decay every weight like AdamW, Adam + L2 would need a different L2 strength "
            r"$\lambda(\sqrt{\hat v_i} + \epsilon)$ for each coordinate: decoupling the decay "
            "from the gradient is not a re-parametrisation of L2 (Loshchilov & Hutter's "
            "Proposition 2)."
        ),
    )
