"""Optuna's TPE on the search bench's studies (bench/search.ts starts this).

Reads one JSON study per line on stdin: {parameters (modelspace's space format), seed,
budget, concurrency, sampler (TPESampler keyword arguments)}. Every proposal is written to
stdout as {"params": ...} and its objective value read back as {"value": v}: the objective
is evaluated on the TypeScript side, so both sides search the very same function. Running
trials finish in the order they started, as in bench/search-study.ts. {"done": true} ends a
study. Needs Debian's python3-optuna (scripts/system-packages.sh --bench).
"""
import json
import sys
import warnings
from collections import deque

import optuna

# Errors only: multivariate=True warns at every independent draw of a conditional parameter
# (the mixed space's gate), thousands of lines a run.
optuna.logging.set_verbosity(optuna.logging.ERROR)
# constant_liar and multivariate are experimental in 3.1, and the warning would come with every study.
warnings.filterwarnings("ignore", category=optuna.exceptions.ExperimentalWarning)


def send(message):
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def receive():
    line = sys.stdin.readline()
    if not line:
        sys.exit(0)
    return json.loads(line)


def active(p, params):
    # As modelspace's isActive: a parameter not (yet) decided reads as null.
    return all(params.get(dep) in allowed for dep, allowed in (p.get("when") or {}).items())


def suggest(trial, parameters):
    params = {}
    for path, p in parameters.items():
        if not active(p, params):
            continue
        kind = p["type"]
        if kind == "categorical":
            params[path] = trial.suggest_categorical(path, p["values"])
        elif kind == "int":
            params[path] = trial.suggest_int(path, p["min"], p["max"], step=p.get("step", 1), log=p.get("log", False))
        elif kind == "uniform":
            params[path] = trial.suggest_float(path, p["min"], p["max"], step=p.get("step"))
        elif kind == "loguniform":
            params[path] = trial.suggest_float(path, p["min"], p["max"], log=True)
        else:
            raise ValueError(f"{path}: parameter type {kind} is not in the bench")
    return params


def run(study_spec):
    sampler = optuna.samplers.TPESampler(seed=study_spec["seed"], **study_spec.get("sampler", {}))
    study = optuna.create_study(sampler=sampler)
    running = deque()
    asked = 0
    while asked < study_spec["budget"] or running:
        while asked < study_spec["budget"] and len(running) < study_spec["concurrency"]:
            trial = study.ask()
            send({"params": suggest(trial, study_spec["parameters"])})
            running.append((trial, receive()["value"]))
            asked += 1
        trial, value = running.popleft()
        study.tell(trial, value)
    send({"done": True})


for line in sys.stdin:
    run(json.loads(line))
