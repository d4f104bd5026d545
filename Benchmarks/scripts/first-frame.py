#!/usr/bin/env python3
# The console's first frame (issue 14: "≤ 300 ms on PostgreSQL with the generated 80 M-reading
# history"), on any database, SQLite or PostgreSQL, for one or more binaries, interleaved.
#
# Each round, for each binary in turn:
#   - `ecowatch snapshot --db DB --view station:MN --size 200x60` and the overview: process start
#     to exit (the whole frame, drawn to stdout);
#   - the interactive console in tmux at 200x60 (`script -f` between the console and tmux, so
#     every byte it writes lands in a file the script watches): from just before the session is
#     made to the last byte of the first frame (the output then stays quiet for 0.6 s), the way
#     `ecowatch-bench startup` times it on a pseudo-terminal; then `q`.
# It only reads the database (the console's own start-up as always: the schema check).
#
#   python3 Benchmarks/scripts/first-frame.py DB [ROUNDS] [--view station:MN] [--bin A --bin B …]
#   e.g. python3 Benchmarks/scripts/first-frame.py postgresql://postgres@127.0.0.1:25432/big 5 \
#          --view station:330299A000000080 --bin /tmp/before/ecowatch --bin .build/release/ecowatch
# (default binary: .build/release/ecowatch). Prints every figure, then the medians per binary, and
# `uptime` before and after.
import argparse, os, statistics, subprocess, tempfile, time

parser = argparse.ArgumentParser()
parser.add_argument("db")
parser.add_argument("rounds", nargs="?", type=int, default=5)
parser.add_argument("--view", default="station:330203A000000001")
parser.add_argument("--bin", action="append", dest="bins")
parser.add_argument("--lang", default="en")
args = parser.parse_args()
bins = [os.path.realpath(b) for b in (args.bins or [".build/release/ecowatch"])]
folder = tempfile.mkdtemp(prefix="ecowatch-first-frame-")
tmux = ["tmux", "-L", f"ecowatch-first-frame-{os.getpid()}", "-f", "/dev/null"]


def snapshot(binary, view):
    start = time.perf_counter()
    done = subprocess.run([binary, "snapshot", "--db", args.db, "--view", view, "--size", "200x60", "--lang", args.lang],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{binary} snapshot --view {view}: {done.stderr.decode().strip()}")
    return elapsed


def console(binary, n):
    typescript = f"{folder}/console-{n}.out"
    open(typescript, "w").close()
    session = f"ff{n}"
    command = f"script -qfe -c \"exec {binary} --db '{args.db}' --lang {args.lang}\" {typescript}"
    start = time.perf_counter()
    subprocess.run(tmux + ["new-session", "-d", "-s", session, "-x", "200", "-y", "60", command], check=True)
    size, last = 0, None
    deadline = start + 30
    while time.perf_counter() < deadline:
        now_size = os.stat(typescript).st_size
        now = time.perf_counter()
        if now_size != size:
            size, last = now_size, now
        elif last is not None and size > 10_000 and now - last > 0.6:
            break
        time.sleep(0.001)
    subprocess.run(tmux + ["send-keys", "-t", session, "q"], check=False)
    for _ in range(500):
        if subprocess.run(tmux + ["has-session", "-t", session], stderr=subprocess.DEVNULL).returncode != 0:
            break
        time.sleep(0.01)
    else:
        subprocess.run(tmux + ["kill-session", "-t", session], check=False)
    if last is None or size <= 10_000:
        raise SystemExit(f"{binary}: the console wrote {size} bytes in 30 s (see {typescript})")
    return last - start


def uptime():
    return subprocess.run(["uptime"], stdout=subprocess.PIPE, text=True).stdout.strip()


# One session that stays, so each console's session does not also start the tmux server.
subprocess.run(tmux + ["new-session", "-d", "-s", "keep", "-x", "200", "-y", "60", "sleep 3600"], check=True)
print(uptime(), flush=True)
figures = {b: {"station": [], "overview": [], "console": []} for b in bins}
try:
    n = 0
    for round in range(args.rounds):
        for binary in bins:
            n += 1
            f = figures[binary]
            f["station"].append(snapshot(binary, args.view))
            f["overview"].append(snapshot(binary, "overview"))
            f["console"].append(console(binary, n))
            print(f"round {round + 1} {binary}: snapshot {args.view} {f['station'][-1] * 1000:.0f} ms, "
                  f"overview {f['overview'][-1] * 1000:.0f} ms, console in tmux {f['console'][-1] * 1000:.0f} ms", flush=True)
finally:
    subprocess.run(tmux + ["kill-server"], check=False)
print(uptime())
for binary in bins:
    f = figures[binary]
    print(f"{binary}: " + ", ".join(
        f"{name} median {statistics.median(v) * 1000:.0f} ms (min {min(v) * 1000:.0f}, max {max(v) * 1000:.0f})"
        for name, v in f.items()))
