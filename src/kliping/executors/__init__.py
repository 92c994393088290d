"""Executors of the per-article stages (`pipeline.article_stages`): where clean, enrich and vectors run.

`pipeline.LocalExecutor` (a process pool on this machine) is the default and lives beside the stage contract;
`executors.ray.RayExecutor` runs the same stages as Ray tasks on every node of a Ray cluster. Both keep the contract
`map_chunks(stages, articles)` -> chunks in input order, so the corpus stages (duplicates, events, storylines), which
run in the driver, see the same articles in the same order and give the same ids.

`make_executor` picks one by name; `ray` is imported only when it is asked for.
"""

from __future__ import annotations

from kliping.errors import UsageError
from kliping.pipeline import Executor

EXECUTORS = ("local", "ray")


def make_executor(name: str = "local", workers: int | None = None, ray_address: str | None = None) -> Executor:
    """The executor called `name`. `workers`: processes of the local pool, or the CPUs of a Ray instance started
    here (not when joining a cluster, whose nodes say their own); `ray_address`: the cluster to join."""
    if name == "local":
        if ray_address is not None:
            raise UsageError("--ray-address needs --executor ray")
        from kliping.pipeline import LocalExecutor

        return LocalExecutor(workers=workers)
    if name == "ray":
        from kliping.executors.ray import RayExecutor

        return RayExecutor(address=ray_address, num_cpus=workers)
    raise UsageError(f"--executor {name}: unknown executor; use one of {', '.join(EXECUTORS)}")
