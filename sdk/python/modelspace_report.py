"""Report a training program's epochs to modelspace (docs/programs.md).

One file, Python 3 standard library only: copy it beside your script or put its folder on
PYTHONPATH.

    import modelspace_report as ms
    p = ms.params()
    for epoch in range(ms.start_epoch(), ms.max_epochs() + 1):
        ...                                   # train, evaluate, save your state in ms.checkpoint_dir()
        ms.report(epoch=epoch, val_error=v, val_loss=vl, train_loss=tl)
        if ms.should_stop():
            break

Each call reads the environment when it runs. Outside modelspace (no MODELSPACE_REPORT_FD)
the reports go to stderr as the same JSON lines, so the script also runs by hand.
"""

import json
import math
import os
import select
import sys
import tempfile
import threading

__all__ = [
    "params",
    "report",
    "finish",
    "save_model",
    "should_stop",
    "checkpoint_dir",
    "resuming",
    "start_epoch",
    "max_epochs",
    "seed",
    "trial_id",
]

# The worker skips longer lines (docs/programs.md, section 4); the limit counts the newline.
MAX_LINE_BYTES = 64 * 1024
# The last epoch reported, kept in the checkpoint folder so a resumed attempt knows where to go on.
EPOCH_FILE = ".modelspace_epoch"

# protocol name -> (python name, required, check)
_EPOCH_FIELDS = [
    ("epoch", "epoch", True, "epoch"),
    ("valError", "val_error", True, "fraction"),
    ("valLoss", "val_loss", True, "finite"),
    ("trainLoss", "train_loss", True, "finite"),
    ("trainError", "train_error", False, "fraction"),
    ("durationMs", "duration_ms", False, "nonnegative"),
    ("samplesPerSec", "samples_per_sec", False, "nonnegative"),
    ("testError", "test_error", False, "fraction"),
    ("testLoss", "test_loss", False, "finite"),
]
_RESULT_FIELDS = [
    ("testError", "test_error", True, "fraction"),
    ("testLoss", "test_loss", False, "finite"),
]

_lock = threading.Lock()
_own_checkpoint_dir = None


def _env(name):
    """An environment variable, with an empty value counting as unset."""
    value = os.environ.get(name, "")
    return value if value != "" else None


def params():
    """The trial's hyperparameters (MODELSPACE_PARAMS_FILE), or {} outside modelspace."""
    path = _env("MODELSPACE_PARAMS_FILE")
    if path is None:
        return {}
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def trial_id():
    """The trial's id, or None outside modelspace."""
    return _env("MODELSPACE_TRIAL_ID")


def _int_env(name, default):
    value = _env(name)
    if value is None:
        return default
    try:
        return int(value)
    except ValueError:
        raise ValueError("%s must be an integer, got %r" % (name, value)) from None


def max_epochs(default=10):
    """The trial's maxEpochs (MODELSPACE_MAX_EPOCHS), else `default`."""
    return _int_env("MODELSPACE_MAX_EPOCHS", default)


def seed(default=0):
    """The trial's seed (MODELSPACE_SEED), else `default`."""
    return _int_env("MODELSPACE_SEED", default)


def resuming():
    """True when the checkpoint folder holds the state of an earlier attempt of this trial."""
    return _env("MODELSPACE_RESUME") == "1"


def should_stop():
    """True once modelspace asked the trial to stop (pruned, patience, cancelled): end soon."""
    path = _env("MODELSPACE_STOP_FILE")
    return path is not None and os.path.exists(path)


def checkpoint_dir():
    """The folder for the program's own state (MODELSPACE_CHECKPOINT_DIR); outside modelspace a
    temporary folder made once per process. The worker saves it after each report, so write
    your state here before calling report()."""
    global _own_checkpoint_dir
    path = _env("MODELSPACE_CHECKPOINT_DIR")
    if path is None:
        with _lock:
            if _own_checkpoint_dir is None:
                _own_checkpoint_dir = tempfile.mkdtemp(prefix="modelspace-checkpoint-")
        return _own_checkpoint_dir
    os.makedirs(path, exist_ok=True)
    return path


def start_epoch():
    """The first epoch to train: 1, or after a resume the epoch after the last one reported."""
    if not resuming():
        return 1
    try:
        with open(os.path.join(checkpoint_dir(), EPOCH_FILE), encoding="utf-8") as f:
            return int(f.read().strip()) + 1
    except (FileNotFoundError, ValueError):
        return 1


def report(fields=None, **kwargs):
    """Sends one epoch's metrics. Keyword arguments in snake_case (epoch, val_error, val_loss,
    train_loss; optional train_error, duration_ms, samples_per_sec, test_error, test_loss), or one
    dict with the same names or the protocol's camelCase ones. Raises ValueError on a missing,
    unknown or non-finite value, an epoch that is not an integer >= 1, or an error outside 0..1."""
    line = _line("epoch", _EPOCH_FIELDS, _merge("report", fields, kwargs))
    _write_epoch_file(line["epoch"])
    _send(line)


def finish(fields=None, **kwargs):
    """Sends the test metrics of the model the program keeps: test_error (0..1), optional test_loss."""
    _send(_line("result", _RESULT_FIELDS, _merge("finish", fields, kwargs)))


def save_model(path):
    """Makes `path` the trial's model; the worker copies the file at once."""
    path = os.path.abspath(os.fspath(path))
    if not os.path.isfile(path):
        raise FileNotFoundError("save_model: no file at %s" % path)
    _send({"type": "model", "path": path})


def _merge(caller, fields, kwargs):
    if fields is None:
        return kwargs
    if kwargs:
        raise ValueError("%s: pass either one dict or keyword arguments, not both" % caller)
    if not isinstance(fields, dict):
        raise ValueError("%s: expected a dict or keyword arguments, got %s" % (caller, type(fields).__name__))
    return fields


def _line(kind, spec, given):
    """The protocol object for `given`, fields in the order of `spec`, absent optional ones left out."""
    given = dict(given)
    if given.get("type", kind) != kind:
        raise ValueError("%s: type must be %r, got %r" % (kind, kind, given["type"]))
    given.pop("type", None)
    names = {}
    for wire, py, _, _ in spec:
        names[wire] = wire
        names[py] = wire
    values = {}
    for key, value in given.items():
        wire = names.get(key)
        if wire is None:
            known = ", ".join(py for _, py, _, _ in spec)
            raise ValueError("%s: unknown field %r (known: %s)" % (kind, key, known))
        if wire in values:
            raise ValueError("%s: %r given twice" % (kind, wire))
        if value is not None:
            values[wire] = value
    line = {"type": kind}
    for wire, py, required, check in spec:
        if wire not in values:
            if required:
                raise ValueError("%s: %s is required" % (kind, py))
            continue
        line[wire] = _checked(kind, py, values[wire], check)
    return line


def _checked(kind, name, value, check):
    if isinstance(value, bool) or isinstance(value, (str, bytes)):
        raise ValueError("%s: %s must be a number, got %r" % (kind, name, value))
    if check == "epoch":
        try:
            as_int = int(value)
        except (TypeError, ValueError):
            as_int = None
        if as_int is None or as_int != value or as_int < 1:
            raise ValueError("%s: epoch must be an integer >= 1, got %r" % (kind, value))
        return as_int
    try:
        number = float(value)  # also numpy and one-element torch values
    except (TypeError, ValueError):
        raise ValueError("%s: %s must be a number, got %r" % (kind, name, value)) from None
    if not math.isfinite(number):
        raise ValueError("%s: %s must be finite, got %r" % (kind, name, number))
    if check == "fraction" and not 0 <= number <= 1:
        raise ValueError("%s: %s is a fraction of the samples (0..1), got %r" % (kind, name, number))
    if check == "nonnegative" and number < 0:
        raise ValueError("%s: %s must be >= 0, got %r" % (kind, name, number))
    return int(number) if isinstance(value, int) else number


def _write_epoch_file(epoch):
    """Written (atomically) before the report, so a snapshot taken after it knows the epoch."""
    folder = checkpoint_dir()
    tmp = os.path.join(folder, "%s.%d.tmp" % (EPOCH_FILE, os.getpid()))
    with open(tmp, "w", encoding="utf-8") as f:
        f.write("%d\n" % epoch)
    os.replace(tmp, os.path.join(folder, EPOCH_FILE))


def _send(obj):
    data = (json.dumps(obj, separators=(",", ":"), ensure_ascii=False, allow_nan=False) + "\n").encode("utf-8")
    if len(data) > MAX_LINE_BYTES:
        raise ValueError("%s line of %d bytes is over the protocol's %d" % (obj["type"], len(data), MAX_LINE_BYTES))
    fd = _env("MODELSPACE_REPORT_FD")
    with _lock:
        if fd is None:
            sys.stderr.write(data.decode("utf-8"))
            sys.stderr.flush()
            return
        try:
            number = int(fd)
        except ValueError:
            raise ValueError("MODELSPACE_REPORT_FD must be a file descriptor number, got %r" % fd) from None
        view = memoryview(data)
        while view:
            try:
                written = os.write(number, view)
            except BlockingIOError:  # a non-blocking descriptor, full for a moment
                select.select([], [number], [])
                continue
            except OSError as err:
                raise OSError(err.errno, "modelspace report channel (fd %d): %s" % (number, err.strerror)) from err
            view = view[written:]
