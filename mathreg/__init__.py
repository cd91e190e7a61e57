"""Regularization in machine learning, derived step by step and checked by SymPy.

Subpackages
-----------
symbolic
    The lecture note's derivations, eqs. (1)-(15), each checkable step by step.
numeric
    NumPy implementations of the same results.
experiments
    Small seeded experiments (train vs. validation) behind the site's figures.
"""

__version__ = "0.1.0"
