"""Scripts that write the learned and generated files under ``analysis/data`` (``make learned``).

Every script runs from the repository root as a module, e.g. ``python -m training.train_bounds``;
``training/README.md`` lists the steps in order with what each reads and writes. The runtime
(``analysis``) never imports this package, and neither do the tests.
"""
