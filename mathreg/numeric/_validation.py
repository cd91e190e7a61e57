"""Argument checks shared by the public functions of :mod:`mathreg.numeric`.

Every public function checks its arguments here, at its boundary, and fails with a
``TypeError`` (wrong kind of object or dtype) or a ``ValueError`` (right kind, wrong value) whose
message names the argument and the valid range, e.g. ``keep_prob must be in (0, 1], got 1.5``.

Policy, in one place:

- Float arrays (probabilities, logits, activations, weights, gradients) must be ``float32`` or
  ``float64``. Integer, bool, complex, object and string arrays are rejected rather than cast,
  so that a float32 computation never silently becomes a float64 one and a label array passed
  where probabilities are expected does not slip through. Array-likes (lists, scalars) are
  accepted and converted with :func:`numpy.asarray` first.
- Labels may be bool, integer or float arrays whose values are exactly 0 or 1 (hard labels,
  as in the note's Bernoulli likelihood, eq. 3).
- NaN and infinity are rejected in every input array.
- Scalars ``lam``, ``lr``, ``keep_prob`` are real numbers (Python or NumPy, not bool); ``m`` is
  an integer (not a float, not bool).
"""

from __future__ import annotations

import numbers
from collections.abc import Callable, Sequence
from typing import TypeVar

import numpy as np

FLOAT_DTYPES = (np.dtype(np.float32), np.dtype(np.float64))

T = TypeVar("T")


def _type_name(x: object) -> str:
    return type(x).__name__


def float_array(x: object, name: str, *, min_ndim: int = 0, scan: bool = True) -> np.ndarray:
    """Return ``x`` as a non-empty, finite float32/float64 array (no copy when possible).

    ``scan=False`` skips the one check that reads every entry (finiteness), for a caller whose
    kernel checks the values as it reads them and calls again with ``scan=True`` to raise.
    """
    arr = np.asarray(x)
    if arr.dtype not in FLOAT_DTYPES:
        raise TypeError(f"{name} must be a float32 or float64 array, got dtype {arr.dtype}")
    if arr.ndim < min_ndim:
        raise ValueError(
            f"{name} must have at least {min_ndim} dimension(s), got shape {arr.shape}"
        )
    if arr.size == 0:
        raise ValueError(f"{name} must not be empty, got shape {arr.shape}")
    if scan and not _all_finite(arr):
        raise ValueError(f"{name} must contain only finite values (no NaN or inf)")
    return arr


def _all_finite(arr: np.ndarray) -> bool:
    """``np.isfinite(arr).all()``, usually in one BLAS pass and without a boolean temporary.

    A sum of squares is finite exactly when every entry is, unless a square overflows (entries
    beyond about 1e19 in float32, 1e154 in float64): then the entrywise check decides.
    """
    if arr.flags.c_contiguous or arr.flags.f_contiguous:
        flat = arr.reshape(-1, order="A")  # a view
        with np.errstate(all="ignore"):
            if np.isfinite(np.dot(flat, flat)):
                return True
    return bool(np.isfinite(arr).all())


def _all_zero_or_one(arr: np.ndarray) -> bool:
    """Every entry is exactly 0 or 1: a quick test that never accepts a bad array."""
    if arr.dtype == np.bool_:
        return True
    if arr.dtype.kind in "iu":  # negative ints read as unsigned are huge
        return int(arr.view(arr.dtype.str.replace("i", "u")).max()) <= 1
    # floats: NaN, inf and every other value are neither 0 nor 1
    return np.count_nonzero(arr == 0) + np.count_nonzero(arr == 1) == arr.size


def probability_array(x: object, name: str) -> np.ndarray:
    """Return ``x`` as a float array with every entry in [0, 1]."""
    arr = float_array(x, name)
    outside = (arr < 0) | (arr > 1)
    if outside.any():
        raise ValueError(
            f"{name} must contain probabilities in [0, 1], got {arr[outside].flat[0].item()!r}"
        )
    return arr


def label_array(x: object, name: str, *, scan: bool = True) -> np.ndarray:
    """Return ``x`` as an array of hard labels: every entry exactly 0 or 1 (``scan`` as in
    :func:`float_array`)."""
    arr = np.asarray(x)
    if arr.dtype.kind not in "biuf" or arr.dtype.itemsize > 8:
        raise TypeError(
            f"{name} must hold labels 0 and 1 as a bool, integer or float array, "
            f"got dtype {arr.dtype}"
        )
    if arr.size == 0:
        raise ValueError(f"{name} must not be empty, got shape {arr.shape}")
    if not scan or _all_zero_or_one(arr):
        return arr
    if arr.dtype.kind == "f" and not np.isfinite(arr).all():
        raise ValueError(f"{name} must contain only finite values (no NaN or inf)")
    bad = (arr != 0) & (arr != 1)
    if bad.any():
        raise ValueError(
            f"{name} must contain only labels in {{0, 1}}, got {arr[bad].flat[0].item()!r}"
        )
    return arr


def binary_mask_array(x: object, name: str, *, scan: bool = True) -> np.ndarray:
    """Return ``x`` as a dropout mask: a bool or float array of zeros and ones (``scan`` as in
    :func:`float_array`)."""
    arr = np.asarray(x)
    if arr.dtype != np.bool_ and arr.dtype not in FLOAT_DTYPES:
        raise TypeError(f"{name} must be a bool, float32 or float64 array, got dtype {arr.dtype}")
    if arr.size == 0:
        raise ValueError(f"{name} must not be empty, got shape {arr.shape}")
    if not scan or _all_zero_or_one(arr):
        return arr
    bad = (arr != 0) & (arr != 1)
    if bad.any():
        raise ValueError(f"{name} must contain only 0 and 1, got {arr[bad].flat[0].item()!r}")
    return arr


def same_shape(a: np.ndarray, b: np.ndarray, name_a: str, name_b: str) -> None:
    """Raise ``ValueError`` unless ``a`` and ``b`` have the same shape."""
    if a.shape != b.shape:
        raise ValueError(
            f"{name_a} and {name_b} must have the same shape, got {a.shape} and {b.shape}"
        )


def same_dtype(a: np.ndarray, b: np.ndarray, name_a: str, name_b: str) -> None:
    """Raise ``TypeError`` unless ``a`` and ``b`` have the same dtype (no silent promotion)."""
    if a.dtype != b.dtype:
        raise TypeError(f"{name_b} must have the same dtype as {name_a} ({a.dtype}), got {b.dtype}")


def design_matrix(X: object) -> np.ndarray:
    """Return ``X``, the inputs of a linear model: a finite float array of shape (m, d), one
    row per example (as in regression texts and scikit-learn, not the networks' (features,
    examples))."""
    X = float_array(X, "X")
    if X.ndim != 2:
        raise ValueError(
            f"X must be a 2-D array of shape (m, d), one row per example, got shape {X.shape}"
        )
    return X


def linear_data(X: object, y: object) -> tuple[np.ndarray, np.ndarray]:
    """Return the data of a linear model: ``X`` of shape (m, d) (:func:`design_matrix`) and
    ``y`` of shape (m,), finite float arrays of one dtype."""
    X = design_matrix(X)
    y = float_array(y, "y")
    if y.shape != (X.shape[0],):
        raise ValueError(
            f"y must have shape (m,) = ({X.shape[0]},), one target per row of X, got shape "
            f"{y.shape}"
        )
    same_dtype(X, y, "X", "y")
    return X, y


def weight_vector(w: object, X: np.ndarray) -> np.ndarray:
    """Return ``w``, the weights of a linear model on ``X``: shape (d,), ``X``'s dtype, finite."""
    w = float_array(w, "w")
    if w.shape != (X.shape[1],):
        raise ValueError(
            f"w must have shape (d,) = ({X.shape[1]},), one weight per column of X, got shape "
            f"{w.shape}"
        )
    same_dtype(X, w, "X", "w")
    return w


def writable_array(x: object, name: str, *, apart_from: dict[str, np.ndarray]) -> np.ndarray:
    """Return ``x``, an array a function updates in place: a writeable, C-contiguous, non-empty
    float32/float64 :class:`numpy.ndarray` that shares no memory with the arrays of
    ``apart_from`` (name: array). Its values are not scanned (``scan=False`` of
    :func:`float_array`)."""
    if not isinstance(x, np.ndarray):
        raise TypeError(
            f"{name} must be a numpy.ndarray (it is updated in place), got {_type_name(x)}"
        )
    float_array(x, name, scan=False)
    if not x.flags.c_contiguous:
        raise ValueError(
            f"{name} must be C-contiguous, got strides {x.strides} "
            "(np.ascontiguousarray makes a copy that is)"
        )
    if not x.flags.writeable:
        raise ValueError(f"{name} must be writeable, got a read-only array")
    for other_name, other in apart_from.items():
        if np.shares_memory(x, other):
            raise ValueError(f"{other_name} must share no memory with {name}")
    return x


def run_checked(kernel: Callable[..., tuple[T, bool]], args: tuple, *rescans: Callable) -> T:
    """``kernel(*args, check=True)``'s result, or the usual error for a bad value it found.

    A public function checks what costs nothing (types, dtypes, shapes, scalars) and skips the
    entrywise scans (``scan=False``), because its kernel in :mod:`mathreg.numeric.fast` checks
    the values as it reads them and returns ``(result, values_ok)``. If the kernel reports a
    failed check, the skipped scans (``rescans``, each a call without arguments) run and raise
    the error that names the argument; if none raises, the values were valid and a result
    overflowed, so the kernel runs again without its check, under the caller's
    :func:`numpy.errstate`, which decides whether that warns or raises.
    """
    result, values_ok = kernel(*args, check=True)
    if not values_ok:
        for rescan in rescans:
            rescan()
        result, _ = kernel(*args, check=False)
    return result


def real_scalar(x: object, name: str, valid: str) -> float:
    """Return ``x`` as a Python float; ``valid`` describes the range for the error message."""
    if type(x) is float or type(x) is int:  # the common case, without the slow ABC check
        return float(x)
    if isinstance(x, (bool, np.bool_)) or not isinstance(x, numbers.Real):
        raise TypeError(f"{name} must be a real number {valid}, got {x!r} ({_type_name(x)})")
    return float(x)


def keep_probability(x: object, name: str = "keep_prob") -> float:
    """``keep_prob`` in (0, 1]."""
    value = real_scalar(x, name, "in (0, 1]")
    if not 0.0 < value <= 1.0:  # also rejects NaN
        raise ValueError(f"{name} must be in (0, 1], got {value!r}")
    return value


def nonnegative(x: object, name: str) -> float:
    """A finite number >= 0 (e.g. ``lam``)."""
    value = real_scalar(x, name, ">= 0")
    if not 0.0 <= value < np.inf:  # also rejects NaN
        raise ValueError(f"{name} must be a finite number >= 0, got {value!r}")
    return value


def positive(x: object, name: str) -> float:
    """A finite number > 0 (e.g. ``lr``)."""
    value = real_scalar(x, name, "> 0")
    if not 0.0 < value < np.inf:  # also rejects NaN
        raise ValueError(f"{name} must be a finite number > 0, got {value!r}")
    return value


def positive_int(x: object, name: str) -> int:
    """An integer >= 1 (e.g. ``m``, the number of examples, or a layer width)."""
    if type(x) is not int and (
        isinstance(x, (bool, np.bool_)) or not isinstance(x, numbers.Integral)
    ):
        raise TypeError(f"{name} must be an integer >= 1, got {x!r} ({_type_name(x)})")
    value = int(x)
    if value < 1:
        raise ValueError(f"{name} must be an integer >= 1, got {value}")
    return value


def nonnegative_int(x: object, name: str) -> int:
    """An integer >= 0 (e.g. a number of steps, which may be none)."""
    if type(x) is not int and (
        isinstance(x, (bool, np.bool_)) or not isinstance(x, numbers.Integral)
    ):
        raise TypeError(f"{name} must be an integer >= 0, got {x!r} ({_type_name(x)})")
    value = int(x)
    if value < 0:
        raise ValueError(f"{name} must be an integer >= 0, got {value}")
    return value


def shape_tuple(x: object, name: str) -> tuple[int, ...]:
    """An array shape: an integer or a tuple of integers, each >= 1."""
    dims = x if isinstance(x, tuple) else (x,)
    for d in dims:
        if isinstance(d, (bool, np.bool_)) or not isinstance(d, numbers.Integral):
            raise TypeError(
                f"{name} must be an integer or a tuple of integers, got {x!r} ({_type_name(x)})"
            )
    if any(d < 1 for d in dims):
        raise ValueError(f"{name} must have every dimension >= 1, got {x!r}")
    return tuple(int(d) for d in dims)


def generator(x: object, name: str = "rng") -> np.random.Generator:
    """A :class:`numpy.random.Generator` (not a seed, not a legacy ``RandomState``)."""
    if not isinstance(x, np.random.Generator):
        raise TypeError(
            f"{name} must be a numpy.random.Generator (e.g. numpy.random.default_rng(0)), "
            f"got {_type_name(x)}"
        )
    return x


def array_sequence(x: object, name: str, *, scan: bool = True) -> list[np.ndarray]:
    """One float array or a non-empty list/tuple of them (e.g. the layers' weight matrices;
    ``scan`` as in :func:`float_array`)."""
    if isinstance(x, Sequence) and not isinstance(x, (str, bytes)):
        if len(x) == 0:
            raise ValueError(
                f"{name} must contain at least one array, got an empty {_type_name(x)}"
            )
        arrays = [float_array(w, f"{name}[{i}]", scan=scan) for i, w in enumerate(x)]
        for i, w in enumerate(arrays):
            if w.ndim == 0:
                raise ValueError(
                    f"{name}[{i}] must be an array with at least one dimension, got a scalar"
                )
        return arrays
    return [float_array(x, name, scan=scan)]
