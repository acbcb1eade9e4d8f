#!/usr/bin/env python3
"""Writes every PyTorch reference fixture of the trainer's algorithms: the one entry point.

Usage (from the repository root; needs python3 and torch, CPU is enough — Debian's python3-torch):

    /usr/bin/python3 trainer/src/test/python/make_reference_fixtures.py            # all fixtures
    /usr/bin/python3 trainer/src/test/python/make_reference_fixtures.py rrr-cnn    # some, by name

which rewrites ``trainer/src/test/resources/reference/<name>.json`` in the format of
``reference_format.py`` (described in README.md next to this script). Each module below computes
its fixtures in float64 from the published formulas; the output is deterministic for a given torch
version (all randomness comes from fixed seeds). JSON files in that folder that no module writes
are reported, not deleted.
"""

import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ next to the sources

import reference_andmask_geom_mean  # noqa: E402
import reference_fish  # noqa: E402
import reference_format  # noqa: E402
import reference_penalties  # noqa: E402
import reference_rrr  # noqa: E402

MODULES = [reference_penalties, reference_andmask_geom_mean, reference_fish, reference_rrr]
OUT_DIR = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "reference"))


def main(names):
    fixtures = [f for module in MODULES for f in module.fixtures()]
    known = [f.name for f in fixtures]
    if len(set(known)) != len(known):
        sys.exit(f"duplicate fixture names: {known}")
    unknown = sorted(set(names) - set(known))
    if unknown:
        sys.exit(f"no fixture named {unknown}; fixtures: {known}")
    os.makedirs(OUT_DIR, exist_ok=True)
    for fixture in fixtures:
        if not names or fixture.name in names:
            path = os.path.join(OUT_DIR, fixture.name + ".json")
            reference_format.write(fixture, path)
            print("wrote", os.path.relpath(path), file=sys.stderr)
    stale = sorted(f for f in os.listdir(OUT_DIR) if f.endswith(".json") and f[:-len(".json")] not in known)
    if stale:
        print(f"not written by any module (delete them if they are leftovers): {stale}", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
