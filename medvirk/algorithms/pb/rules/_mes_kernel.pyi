"""Types of the compiled MES candidate evaluation (``_mes_kernel.c``)."""

import numpy as np

class Supporters:
    def __init__(self, indptr: np.ndarray, groups: np.ndarray, weights: np.ndarray) -> None: ...
    def evaluate(
        self,
        budget: np.ndarray,
        project: int,
        cost: float,
        total: float,
        lower: float,
        beat: float,
        need: float,
        /,
    ) -> tuple[float, float, int]: ...
    def pay(
        self,
        budget: np.ndarray,
        project: int,
        price: float,
        tol: float,
        before: np.ndarray,
        slope: np.ndarray = ...,
        price_slope: float = ...,
        /,
    ) -> int: ...
    def price_slope(
        self, budget: np.ndarray, slope: np.ndarray, project: int, price: float, total: float, /
    ) -> float: ...
