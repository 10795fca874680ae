"""The MES tests run twice: with the compiled candidate evaluation (``_mes_kernel.c``,
built by ``pip install -e .``) and with its numpy twin, so both stay exact."""

from __future__ import annotations

import os

import pytest

from medvirk.algorithms.pb.rules import mes


@pytest.fixture(params=["compiled", "numpy"])
def mes_kernel(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    if request.param == "compiled" and not mes.compiled_available():
        message = (
            "The compiled MES kernel is not built: run 'make test' (or 'pip install -e .' "
            "with a C compiler and the Python headers)."
        )
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    monkeypatch.setattr(mes, "use_compiled", request.param == "compiled")
    return str(request.param)
