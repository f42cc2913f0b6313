"""The benchmark's data set and its generator; not a Django app (it reads every app, so no app may import it).

`python -m bench.data --scale 1` builds the full data set (docs/performance.md); scripts/bench.py measures it.
"""
