"""Builds the one compiled part of medvirk, the MES candidate evaluation
(``medvirk/algorithms/pb/rules/_mes_kernel.c``); everything else is in pyproject.toml.

The extension is optional: without a C compiler the install goes on and MES uses its
numpy twin (same outcomes, slower on large elections)."""

from setuptools import Extension, setup

setup(
    ext_modules=[
        Extension(
            "medvirk.algorithms.pb.rules._mes_kernel",
            sources=["medvirk/algorithms/pb/rules/_mes_kernel.c"],
            extra_compile_args=["-O2"],
            optional=True,
        )
    ]
)
