"""The shared vectors as pytest cases: one test per case, through the generated module."""
import pytest

from vector_runner import load_cases, run_case

CASES = load_cases()


def test_vectors_were_found():
    assert len(CASES) > 100


@pytest.mark.parametrize("case", [c for _, c in CASES], ids=[f"{f}::{c['name']}" for f, c in CASES])
def test_vector(case):
    run_case(case)
