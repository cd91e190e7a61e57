"""Every exercise: its right answer, answers written differently, and wrong answers with the
reason the checker gives; the exercise registry; the ``mathreg exercise`` commands.

``ANSWERS`` holds, for each exercise, answers that are right but written differently from
the record's ``typed`` form, and wrong answers with (a stable part of) the reason each gets.
A new exercise needs a row here: the registry test fails until it has one.
"""

from __future__ import annotations

import pkgutil
import subprocess
import sys
import time

import pytest
import sympy as sp

from mathreg import cli
from mathreg.exercises import EXERCISES, exercises_for, judge, plain
from mathreg.exercises import book as book_package
from mathreg.exercises.judge import read
from mathreg.topics import TOPICS

ANSWERS = {
    "bv-constant-model": (
        ["(c - f)^2 + sigma^2", "sigma^2 + f^2 - 2*f*c + c^2"],
        [
            ("(f - c)^2", "it is missing a term (one in sigma)"),
            ("sigma^2 + (f + c)^2", "the term in c and f has the wrong sign"),
            ("sigma + (f-c)^2", "it differs from the right answer at"),
        ],
    ),
    "bv-average-of-models": (
        ["v*k^-1", "(v/k^2)*k"],
        [
            ("v", "it should depend on k"),
            ("v/k^2", "off by a factor 1/k"),
            ("k*v", "off by a factor k**2"),
        ],
    ),
    "bv-shrunk-estimate": (
        ["f^2 - 2*s*f^2 + s^2*f^2 + s^2*v", "(f - s*f)^2 + v*s^2"],
        [
            ("(1 - s)^2*f^2 + s*v", "it differs from the right answer at"),
            ("(1-s)^2*f^2", "it is missing a term (one in s and v)"),
            ("(1 - s)*f^2 + s^2*v", "it differs from the right answer at"),
        ],
    ),
    "bce-derivative": (
        ["(yhat - y)/(yhat*(1 - yhat))", "(1-y)/(1-yhat) - y/yhat"],
        [
            (
                "-y/yhat - (1 - y)/(1 - yhat)",
                "the second term's sign",
            ),
            ("y/yhat - (1-y)/(1-yhat)", "the sign is wrong"),
            ("-y/yhat", "it differs from the right answer at"),
        ],
    ),
    "bce-logit-gradient": (
        ["exp(z)/(1 + exp(z)) - y", "1/(1+exp(-z)) - y"],
        [
            ("y - sigmoid(z)", "the sign is wrong"),
            ("sigmoid(z)", "it is missing a term (one in y)"),
            ("sigmoid(z)*(1-sigmoid(z)) - y", "it differs from the right answer at"),
        ],
    ),
    "bce-value": (
        ["-log(1/4)", "2*log(2)", "-log(0.25)"],
        [
            ("log(2)", "not the right value"),
            ("log(4/3)", "that is the loss for the label y = 0"),
            ("-log(4)", "the sign is wrong"),
        ],
    ),
    "map-gaussian-penalty": (
        ["theta^2/2/sigma^2", "(theta/sigma)^2/2", "0.5*θ^2/σ^2"],
        [
            ("theta^2/sigma^2", "off by a factor 2"),
            ("-theta^2/(2*sigma^2)", "the sign is wrong"),
            ("theta^2/(2*sigma)", "off by a factor sigma"),
        ],
    ),
    "map-laplace-penalty": (
        ["abs(theta)*b^-1", "Abs(-theta)/b", "abs(theta/b)"],
        [
            ("theta/b", "|θ|, not θ: the Laplace density is symmetric around 0"),
            ("abs(theta)*b", "off by a factor b**2"),
            ("abs(theta)", "it should depend on b"),
        ],
    ),
    "map-beta-bernoulli": (
        ["(a + k - 1)/(a + b + k + t - 2)", "(k+a-1)/((k+a-1)+(t+b-1))"],
        [
            (
                "(k + a)/(k + t + a + b)",
                "that is the posterior mean; the MAP estimate is the posterior's mode",
            ),
            ("k/(k+t)", "that is the maximum-likelihood estimate: the prior is missing"),
            ("(k+a-1)/(k+t+a+b)", "it differs from the right answer at"),
        ],
    ),
    "l2-strength-from-variance": (
        ["sigma^-2", "1/(sigma*sigma)"],
        [
            ("sigma^2", "that is the prior's variance; λ is its precision, 1/σ²"),
            ("1/sigma", "off by a factor sigma"),
            ("m/sigma^2", "it depends on m, but the answer does not"),
        ],
    ),
    "l2-penalty-gradient": (
        ["W*lam/m", "lambda*W/m", "2*lam/(2*m)*W"],
        [
            ("lam/(2*m)*W", "the derivative of W² is 2W: the 2 cancels the 1/2 of the penalty"),
            ("lam/m", "it should depend on W"),
            ("lam*W", "it should depend on m"),
        ],
    ),
    "l2-penalty-value": (
        ["25/5", "5.0", "2/(2*5)*25"],
        [
            ("10", "that is (λ/m)‖W‖²: the penalty has λ/(2m)"),
            ("25", "not the right value"),
            ("-5", "the sign is wrong"),
        ],
    ),
    "decay-factor-without-half": (
        ["(m - 2*alpha*lam)/m", "1 - alpha*(2*lam/m)"],
        [
            (
                "1 - alpha*lam/m",
                "that is the factor with the 1/2; without it the penalty's gradient is (2λ/m)W",
            ),
            ("1 - 2*alpha*lam*W/m", "it depends on W, but the answer does not"),
            ("1 + 2*alpha*lam/m", "the term in alpha, lam and m has the wrong sign"),
            ("1 - 2*lam/m", "it should depend on alpha"),
        ],
    ),
    "decay-factor-value": (
        ["99/100", "1 - 1/100", "1 - 0.1*5/50"],
        [
            ("0.01", "that is how much is taken off: 1 minus it"),
            ("0.9", "not the right value"),
            ("1", "not the right value"),
        ],
    ),
    "decay-after-steps": (
        ["((m - alpha*lam)/m)^k", "(1 - alpha*lam/m)**k"],
        [
            ("1 - k*alpha*lam/m", "that is only the first-order approximation"),
            ("(1 - alpha*lam/m)", "it should depend on k"),
            ("(1 - 2*alpha*lam/m)^k", "it differs from the right answer at"),
        ],
    ),
    "dropout-forgot-to-divide": (
        ["A*keep_prob", "keep_prob*A*1"],
        [
            ("A", "that is with the division by keep_prob"),
            ("A/keep_prob", "off by a factor keep_prob**(-2)"),
            ("keep_prob", "it should depend on A"),
        ],
    ),
    "dropout-scale-from-drop-rate": (
        ["1/(1-q)", "(1 - q)^-1", "-1/(q - 1)"],
        [
            ("1/q", "q is the probability of dropping; divide by the keep probability"),
            ("1 - q", "inverted dropout divides by the keep probability, 1 − q"),
            ("q/(1-q)", "off by a factor q"),
        ],
    ),
    "dropout-variance": (
        ["A^2/keep_prob - A^2", "A^2*(1/keep_prob - 1)"],
        [
            (
                "A^2*keep_prob*(1 - keep_prob)",
                "that is Var[A·D]; dividing by keep_prob divides the variance by keep_prob²",
            ),
            ("A^2/keep_prob", "it is missing a term (one in A)"),
            ("A*(1 - keep_prob)/keep_prob", "off by a factor 1/A"),
        ],
    ),
    "ridge-gradient-without-halves": (
        ["2*(x^2 + lam)*w - 2*x*y", "2*x*(x*w - y) + 2*lam*w"],
        [
            (
                "-x*(y - x*w) + lam*w",
                "that is the gradient of the objective with the halves",
            ),
            ("-2*x*(y - x*w) + lam*w", "the term in lam and w is off by a factor 1/2"),
            ("2*x*(y - x*w) + 2*lam*w", "it differs from the right answer at"),
        ],
    ),
    "cv-training-size": (
        ["m - m/k", "(k-1)*m/k"],
        [
            ("m/k", "that is the size of the held-out fold, not of the fit"),
            ("m*(k+1)/k", "the term in k and m has the wrong sign"),
            ("m*k/(k-1)", "it differs from the right answer at"),
        ],
    ),
    "cv-standard-error": (
        ["s*k^(-1/2)", "sqrt(s^2/k)"],
        [
            ("s/k", "the spread shrinks with the square root of k, not k"),
            ("s*sqrt(k)", "off by a factor k"),
            ("s/sqrt(k-1)", "it differs from the right answer at"),
        ],
    ),
    "cv-number-of-fits": (
        ["k*n+1", "1 + n*k"],
        [
            ("n*k", "and the final model, refitted on all the data?"),
            ("n*k+2", "the constant term is off"),
            ("n+k", "it differs from the right answer at"),
        ],
    ),
    "ridge-one-feature": (
        ["Sxy*(Sxx + lam)^-1", "1/((Sxx+lam)/Sxy)"],
        [
            ("Sxy/Sxx", "that is least squares, without the penalty"),
            ("Sxy/(Sxx - lam)", "it differs from the right answer at"),
            ("Sxx/(Sxy + lam)", "it differs from the right answer at"),
        ],
    ),
    "ridge-effective-parameters": (
        ["1/2 + 3/4", "1.25"],
        [
            ("2", "not the right value"),
            ("1", "not the right value"),
            ("3/4", "not the right value"),
        ],
    ),
    "l1-gradient": (
        ["lambda*sign(W)/m", "sign(W)*λ/m"],
        [
            (
                "lam*W/m",
                "that is the gradient of the L2 penalty",
            ),
            ("lam/m", "it should depend on W"),
            ("-lam/m*sign(W)", "the sign is wrong"),
            ("2*lam/m*sign(W)", "off by a factor 2"),
        ],
    ),
    "soft-threshold-three": (
        ["3 - 1", "2.0", "sign(3)*max(3 - 1, 0)"],
        [
            ("3", "that is w* itself: L1 shrinks it by α/h"),
            ("-2", "the sign is wrong"),
            ("4", "not the right value"),
        ],
    ),
    "soft-threshold-large": (
        ["-alpha/h + w_star", "(h*w_star - alpha)/h"],
        [
            ("w_star", "that is the unpenalised optimum: L1 moves it by α/h"),
            ("w_star + alpha/h", "the term in alpha and h has the wrong sign"),
            ("w_star - alpha", "it should depend on h"),
            ("w_star - h/alpha", "it differs from the right answer at"),
        ],
    ),
    "noise-one-input": (
        ["y^2 - 2*x*y*w + x^2*w^2 + sigma^2*w^2", "(x*w - y)^2 + (sigma*w)^2"],
        [
            ("(y - x*w)^2", "it is missing a term (one in sigma and w)"),
            ("(y - x*w)^2 + sigma*w^2", "it differs from the right answer at"),
            ("(y - x*w)^2 + sigma^2*w", "it differs from the right answer at"),
        ],
    ),
    "noise-strength-from-deviation": (
        ["s*s", "s**2"],
        [
            ("s", "c is the variance, the square of the standard deviation"),
            ("2*s", "off by a factor 2/s"),
            ("1/s^2", "off by a factor s**(-4)"),
        ],
    ),
    "noise-multiplicative": (
        ["(y - x*w)^2 + (sigma*x*w)^2"],
        [
            (
                "(y - x*w)^2 + sigma^2*w^2",
                "that is additive noise; here the noise is multiplied by x",
            ),
            ("(y - x*w)^2", "it is missing a term (one in sigma, w and x)"),
            ("(y - x*w)^2 + sigma^2*x*w^2", "it differs from the right answer at"),
        ],
    ),
    "dropout-linear-factor": (
        ["0.25", "0.2/0.8"],
        [
            ("4", "upside down: (1 − p)/p, not p/(1 − p)"),
            ("0.8", "not the right value"),
            ("1/5", "not the right value"),
        ],
    ),
    "dropout-linear-one-input": (
        ["y^2 - 2*x*y*w + x^2*w^2/p", "(y - x*w)^2 + (1/p - 1)*x^2*w^2"],
        [
            ("(y - x*w)^2", "it should depend on p"),
            ("(y - x*w)^2 + p*(1 - p)*x^2*w^2", "it differs from the right answer at"),
            ("(y - x*w)^2 + (1-p)/p*x*w^2", "it differs from the right answer at"),
        ],
    ),
    "dropout-linear-not-inverted": (
        ["y^2 - 2*p*x*y*w + p*x^2*w^2"],
        [
            (
                "(y - x*w)^2 + (1 - p)/p*x^2*w^2",
                "that is with the division by p (inverted dropout)",
            ),
            ("(y - p*x*w)^2", "it differs from the right answer at"),
            ("(y - x*w)^2 + p*(1-p)*x^2*w^2", "it differs from the right answer at"),
        ],
    ),
    "gd-first-step": (
        ["mu*epsilon*w_star", "ε*μ*w_star"],
        [
            ("epsilon*mu", "it should depend on w_star"),
            ("w_star", "it should depend on epsilon and mu"),
            ("(1 - epsilon*mu)*w_star", "it differs from the right answer at"),
        ],
    ),
    "gd-two-steps": (
        ["epsilon*mu*(2 - epsilon*mu)*w_star", "2*epsilon*mu*w_star - (epsilon*mu)^2*w_star"],
        [
            ("2*epsilon*mu*w_star", "the second step is shorter than the first"),
            ("(1 - epsilon*mu)^2*w_star", "it differs from the right answer at"),
            ("(1 - (1 - epsilon*mu)^2)", "it should depend on w_star"),
        ],
    ),
    "early-stopping-strength": (
        ["1/(100*0.01)", "1.0"],
        [
            ("100", "not the right value"),
            ("0.01", "not the right value"),
            ("2", "not the right value"),
        ],
    ),
    "sgd-l2-decay": (
        ["-alpha*c + 1", "1 - c*α"],
        [
            ("1 - alpha*c/2", "the term in alpha and c is off by a factor 1/2"),
            ("1 + alpha*c", "the term in alpha and c has the wrong sign"),
            ("1 - c", "it should depend on alpha"),
        ],
    ),
    "adam-l2-decay": (
        ["(sqrt(vhat) + eps - alpha*c)/(sqrt(vhat) + eps)", "1 - alpha*c/(eps + vhat^(1/2))"],
        [
            ("1 - alpha*c", "that is plain gradient descent's factor"),
            ("1 - alpha*c*(sqrt(vhat) + eps)", "it differs from the right answer at"),
            ("1 - alpha*c/sqrt(vhat)", "it should depend on eps"),
        ],
    ),
    "adamw-matching-l2": (
        ["lam*sqrt(vhat) + lam*eps", "(eps + vhat^0.5)*lambda"],
        [
            ("lam/(sqrt(vhat) + eps)", "upside down: multiply by √v̂ + ε"),
            ("lam", "it should depend on eps and vhat"),
            ("lam*sqrt(vhat)", "it is missing a term (one in eps and lam)"),
        ],
    ),
    "gaussian-nll": (
        [
            "(y-yhat)^2/(2*sigma^2) + log(sigma) + log(2*pi)/2",
            "(yhat - y)^2/2/sigma^2 + log(sqrt(2*pi)*sigma)",
        ],
        [
            (
                "(y - yhat)^2/(2*sigma^2)",
                "the normalising term ½log(2πσ²) is missing: it matters when σ is learned",
            ),
            ("(y - yhat)^2/sigma^2 + log(2*pi*sigma^2)/2", "it differs from the right answer at"),
            (
                "(y - yhat)^2/(2*sigma^2) + log(2*pi*sigma^2)",
                "the term in sigma is off by a factor 2",
            ),
        ],
    ),
    "gaussian-variance-mle": (
        ["S*n^-1", "(S/n)"],
        [
            ("S/(n - 1)", "that is the unbiased estimate; maximum likelihood divides by n"),
            ("S", "it should depend on n"),
            ("sqrt(S/n)", "it differs from the right answer at"),
        ],
    ),
    "gaussian-mse-gradient": (
        ["-(y - yhat)/sigma^2", "yhat/sigma^2 - y/sigma^2"],
        [
            ("(y - yhat)/sigma^2", "the sign is wrong"),
            ("(yhat - y)/(2*sigma^2)", "off by a factor 1/2"),
            ("(yhat - y)", "it should depend on sigma"),
        ],
    ),
    "softmax-uniform-loss": (
        ["-log(1/K)", "2*log(K) - log(K)"],
        [
            ("1/K", "it differs from the right answer at"),
            ("-log(K)", "the sign is wrong"),
            ("log(K - 1)", "it differs from the right answer at"),
        ],
    ),
    "softmax-two-classes": (
        ["exp(d)/(exp(d) + 1)", "1/(exp(-d) + 1)"],
        [
            ("1/(1 + exp(d))", "it differs from the right answer at"),
            ("exp(d)", "it differs from the right answer at"),
            ("exp(-d)/(1 + exp(-d))", "it differs from the right answer at"),
        ],
    ),
    "softmax-gradient-true-class": (
        ["-(1 - pk)", "pk + -1"],
        [
            ("pk", "that is the component for another class, where y = 0"),
            ("1 - pk", "the sign is wrong"),
            ("pk - 2", "the constant term is off by a factor 2"),
        ],
    ),
}


def test_every_exercise_has_answers_to_try():
    assert set(ANSWERS) == set(EXERCISES)
    for right, wrong in ANSWERS.values():
        assert len(right) >= 1 and len(wrong) >= 2


@pytest.mark.parametrize("name", EXERCISES)
def test_the_typed_answer_is_read_as_the_answer(name):
    exercise = EXERCISES[name]
    assert sp.simplify(read(exercise, exercise.typed) - exercise.answer) == 0
    assert judge(exercise, exercise.typed).right


@pytest.mark.parametrize("name", EXERCISES)
def test_what_sympy_prints_can_be_typed_back(name):
    exercise = EXERCISES[name]
    assert judge(exercise, sp.sstr(exercise.answer)).right


@pytest.mark.parametrize("name", EXERCISES)
def test_answers_written_differently_are_right(name):
    exercise = EXERCISES[name]
    for text in ANSWERS[name][0]:
        verdict = judge(exercise, text)
        assert verdict.right, f"{text!r}: {verdict.reason}"
        assert text != exercise.typed


@pytest.mark.parametrize("name", EXERCISES)
def test_wrong_answers_get_their_reason(name):
    exercise = EXERCISES[name]
    for text, reason in ANSWERS[name][1]:
        verdict = judge(exercise, text)
        assert not verdict.right, text
        assert reason in verdict.reason, f"{text!r}: {verdict.reason}"


@pytest.mark.parametrize("name", EXERCISES)
def test_each_known_mistake_is_wrong_and_recognised(name):
    exercise = EXERCISES[name]
    for mistake in exercise.mistakes:
        verdict = judge(exercise, sp.sstr(mistake.answer))
        assert not verdict.right
        assert verdict.reason == mistake.message


def test_each_topic_has_two_or_three_exercises():
    for topic in TOPICS:
        assert 2 <= len(exercises_for(topic.key)) <= 3, topic.key


def test_every_exercise_module_is_a_topics():
    keys = {topic.key.replace("-", "_") for topic in TOPICS}
    modules = {m.name for m in pkgutil.iter_modules(book_package.__path__)}
    assert modules - {"_names"} <= keys, modules - keys


@pytest.mark.parametrize("name", EXERCISES)
def test_the_texts_have_a_plain_form_for_the_terminal(name):
    exercise = EXERCISES[name]
    texts = [exercise.statement, exercise.hint, exercise.solution]
    texts += [n.meaning for n in exercise.names] + [f.meaning for f in exercise.functions]
    for text in texts:
        shown = plain(text)
        assert "\\" not in shown and "{" not in shown, shown
        assert r"\(" in text or "\\" not in text, "math belongs between \\( and \\)"


def test_an_equivalent_form_the_comparison_cannot_reach_is_not_called_wrong():
    verdict = judge(EXERCISES["l1-gradient"], "lam/m*W/abs(W)")  # sign(W) for W ≠ 0
    assert not verdict.right
    assert verdict.reason.startswith("not shown equal to the right answer")
    assert "may be right" in verdict.reason


def test_a_counterexample_is_exact():
    verdict = judge(EXERCISES["gd-two-steps"], "(1 - epsilon*mu)^2*w_star")
    assert verdict.reason == (
        "it differs from the right answer at epsilon = 1/3, mu = 2/7, w_star = 5/2: yours is "
        "1805/882, the right one 200/441"
    )


def test_a_counterexample_in_floating_point_when_a_value_is_irrational():
    verdict = judge(EXERCISES["softmax-two-classes"], "1/(1 + exp(d))")
    assert verdict.reason == (
        "it differs from the right answer at d = 1/3: yours is 0.41743, the right one 0.58257"
    )


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (
            "w_star - alpha/h + exp(exp(exp(exp(exp(exp(exp(exp(w_star))))))))",
            "not shown equal to the right answer, and it could not be evaluated to compare",
        ),
        ("w_star - alpha/h + log(-1)", "it is not a real number"),
        ("w_star - alpha/h + sqrt(-alpha)", "it is not a real number"),
        (
            "w_star - alpha/h + 10^12^(1/2)*exp(exp(exp(exp(w_star))))^12",
            "it differs from the right answer at alpha = 2/7, h = 3/5, w_star = 1/3",
        ),
    ],
)
def test_hostile_answers_are_judged_quickly_and_honestly(text, reason):
    started = time.perf_counter()
    verdict = judge(EXERCISES["soft-threshold-large"], text)
    assert time.perf_counter() - started < 5
    assert not verdict.right and verdict.reason.startswith(reason), verdict.reason


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("-lam/m*sign(W)", "the sign is wrong"),
        ("-2*lam/m*sign(W)", "the sign is wrong, and it is off by a factor 2"),
        ("lam/(3*m)*sign(W)", "off by a factor 1/3: your answer is 1/3 times the right one"),
        ("lam/m^2*sign(W)", "off by a factor 1/m: your answer is 1/m times the right one"),
        ("lam/m*sign(W)*W", "off by a factor W"),
        ("lam*sign(W)", "it should depend on m"),
        ("0", "the answer is not 0"),
        ("sign(W)", "it should depend on lam and m"),
    ],
)
def test_general_reasons(text, reason):
    verdict = judge(EXERCISES["l1-gradient"], text)
    assert not verdict.right and reason in verdict.reason, verdict.reason


# --- the command line -------------------------------------------------------------------------


def run(capsys, *argv):
    status = cli.main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_exercise_list(capsys):
    status, out, err = run(capsys, "exercise", "list")
    assert status == 0 and err == ""
    lines = out.splitlines()
    assert len(lines) == len(EXERCISES)
    assert lines[0].split()[:2] == [next(iter(EXERCISES)), next(iter(EXERCISES.values())).topic]


def test_exercise_show(capsys):
    status, out, _ = run(capsys, "exercise", "show", "l1-gradient")
    assert status == 0
    assert out.startswith("l1-gradient: The L1 penalty's gradient (topic: L1 and sparsity)")
    assert "What is the derivative of (λ/m)‖W‖₁ with respect to one entry W ≠ 0" in out
    assert "  lam (also: lambda, λ): λ > 0, the penalty's strength" in out
    assert "Hint: " in out and "Solution" not in out
    assert 'python -m mathreg exercise check l1-gradient "ANSWER"' in out
    status, out, _ = run(capsys, "exercise", "show", "l1-gradient", "--solution")
    assert "Solution: (λ/m)sign(W)" in out and "Answer: lam/m*sign(W)" in out


def test_exercise_check_right(capsys):
    status, out, err = run(capsys, "exercise", "check", "l1-gradient", "lam/m*sign(W)")
    assert (status, err) == (0, "")
    assert out == "read as: lam*sign(W)/m\n✓ right\n"


def test_exercise_check_wrong(capsys):
    status, out, _ = run(capsys, "exercise", "check", "l1-gradient", "2*lam/m*sign(W)")
    assert status == 1
    assert out.splitlines()[-1] == "✗ off by a factor 2: your answer is 2 times the right one"


def test_an_answer_may_start_with_a_minus_and_be_in_pieces(capsys):
    status, out, _ = run(capsys, "exercise", "check", "l1-gradient", "-lam/m*sign(W)")
    assert status == 1 and out.endswith("✗ the sign is wrong\n")
    status, out, _ = run(capsys, "exercise", "check", "l1-gradient", "lam", "/", "m*sign(W)")
    assert status == 0


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["exercise"], "required"),
        (["exercise", "frob"], "invalid choice"),
        (["exercise", "show"], "required"),
        (["exercise", "show", "l1-grad"], "unknown exercise 'l1-grad'; did you mean: l1-gradient?"),
        (["exercise", "check", "zzz", "1"], "unknown exercise 'zzz'; see: mathreg exercise list"),
        (
            ["exercise", "check", "l1-gradient"],
            "give an answer: mathreg exercise check l1-gradient",
        ),
        (["exercise", "check", "l1-gradient", "__import__"], "answer: unknown name '__import__'"),
        (["exercise", "check", "l1-gradient", "W.T"], "answer: a dot (attribute access)"),
        (["exercise", "check", "l1-gradient", "lambda x: x"], "answer: ':' is not allowed"),
        (["exercise", "check", "l1-gradient", "'a'"], "answer: quotes (strings) are not allowed"),
        (["exercise", "check", "l1-gradient", "W" + "+W" * 200], "answer: the answer is longer"),
        (["exercise", "check", "l1-gradient", "(" * 40 + "W" + ")" * 40], "nested more than"),
    ],
)
def test_exercise_usage_errors_are_one_line_exit_2(capsys, argv, message):
    status, out, err = run(capsys, *argv)
    assert status == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("mathreg: error: ")
    assert message in err, err


def test_exercise_check_in_a_process():
    done = subprocess.run(
        [sys.executable, "-m", "mathreg", "exercise", "check", "soft-threshold-three", "3 - 1"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0 and done.stdout.endswith("✓ right\n")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "mathreg",
            "exercise",
            "check",
            "soft-threshold-three",
            "__import__",
        ],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2 and "Traceback" not in done.stderr
