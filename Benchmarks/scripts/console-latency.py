#!/usr/bin/env python3
# How soon a console shows a reading after its commit (issue 14: "within 1 s"), on PostgreSQL or
# SQLite. Starts what it needs and stops it all: for `pg`, a private server (initdb as postgres, a
# free loopback port); for `sqlite`, a temporary file. Then the sample programme (`ecowatch
# import`), `ecowatch ingest` as an unprivileged user (uid 65534), and the console in tmux at
# 200x60 on its stations list. Each trial sends one real-time HJ 212 frame for one station with a
# PM2.5 value of its own, waits for the 9014 (sent only after the commit), and polls the screen
# (tmux capture-pane every 5 ms) until the station's row shows the value. Two figures per trial:
# from the 9014's arrival (the commit is before it: a slight underestimate, by the 9014's way back
# over loopback) and from the frame's sending (an overestimate: parsing and the group commit too).
#
# Run as root from the package root, with a release binary:
#   swift build -c release --product ecowatch
#   python3 Benchmarks/scripts/console-latency.py pg 30
#   python3 Benchmarks/scripts/console-latency.py sqlite 30
# (B=path/to/ecowatch to use another binary.)
import os, shutil, socket, subprocess, sys, tempfile, time

backend = sys.argv[1] if len(sys.argv) > 1 else "pg"
trials = int(sys.argv[2]) if len(sys.argv) > 2 else 30
binary = os.path.realpath(os.environ.get("B", ".build/release/ecowatch"))
assert backend in ("pg", "sqlite"), "backend: pg or sqlite"
station_mn, station_name = "330203A000000001", "Longsai Hospital"


def crc(data: bytes) -> int:
    """HJ 212-2017's checksum (the standard's reference code, not CRC-16/MODBUS)."""
    value = 0xFFFF
    for byte in data:
        value = (value >> 8) ^ byte
        for _ in range(8):
            value = (value >> 1) ^ 0xA001 if value & 1 else value >> 1
    return value


assert crc(b"QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;CP=&&RtdInterval=30&&") == 0x1C80


def frame(moment: float, pm25: float) -> bytes:
    china = time.gmtime(moment + 8 * 3600)
    stamp = time.strftime("%Y%m%d%H%M%S", china)
    data = (f"QN={stamp}{int(moment * 1000) % 1000:03d};ST=22;CN=2011;PW=203037;MN={station_mn};Flag=5;"
            f"CP=&&DataTime={stamp};a34004-Rtd={pm25:.1f},a34004-Flag=N&&").encode()
    return b"##%04d" % len(data) + data + b"%04X\r\n" % crc(data)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def nobody(*command):
    return ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--", *command]


folder = tempfile.mkdtemp(prefix="ecowatch-latency-")
os.chmod(folder, 0o777)
tmux = ["tmux", "-L", f"ecowatch-latency-{os.getpid()}", "-f", "/dev/null"]
pgbin = sorted((d for d in os.listdir("/usr/lib/postgresql")), key=int)[-1] if backend == "pg" else None
pgbin = f"/usr/lib/postgresql/{pgbin}/bin" if pgbin else None
ingest = None


def postgres(*command):
    return subprocess.run(["setpriv", "--reuid=postgres", "--regid=postgres", "--clear-groups", "--", *command],
                          check=True, stdout=subprocess.DEVNULL)


def cleanup():
    subprocess.run(tmux + ["kill-server"], stderr=subprocess.DEVNULL)
    if ingest:
        ingest.terminate()
        ingest.wait()
    if pgbin and os.path.exists(f"{folder}/pg/postmaster.pid"):
        postgres(f"{pgbin}/pg_ctl", "-D", f"{folder}/pg", "-m", "fast", "-w", "stop")
    shutil.rmtree(folder, ignore_errors=True)


try:
    if backend == "pg":
        os.mkdir(f"{folder}/pg")
        shutil.chown(f"{folder}/pg", "postgres", "postgres")
        os.chmod(f"{folder}/pg", 0o700)
        port = free_port()
        postgres(f"{pgbin}/initdb", "-D", f"{folder}/pg", "-U", "ecowatch", "-A", "trust", "--locale=C", "--no-sync")
        postgres(f"{pgbin}/pg_ctl", "-D", f"{folder}/pg", "-l", f"{folder}/pg/log", "-w",
                 "-o", f"-p {port} -k {folder}/pg -c listen_addresses=127.0.0.1", "start")
        subprocess.run([f"{pgbin}/psql", "-X", "-q", "-h", f"{folder}/pg", "-p", str(port), "-U", "ecowatch", "-d", "postgres",
                        "-c", "CREATE DATABASE latency"], check=True)
        database = f"postgresql://ecowatch@127.0.0.1:{port}/latency"
    else:
        database = f"{folder}/latency.sqlite"
    subprocess.run([binary, "import", "--db", database, "--data", "sample-data"], check=True, stdout=subprocess.DEVNULL)
    if backend == "sqlite":
        for name in os.listdir(folder):
            os.chown(f"{folder}/{name}", 65534, 65534)
    listen = free_port()
    ingest = subprocess.Popen(nobody(binary, "ingest", "--listen", f"127.0.0.1:{listen}", "--db", database),
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert "listening on" in ingest.stdout.readline()
    subprocess.run(tmux + ["new-session", "-d", "-s", "c", "-x", "200", "-y", "60", f"{binary} --db {database} --lang en"], check=True)

    def screen() -> str:
        return subprocess.run(tmux + ["capture-pane", "-p", "-t", "c"], capture_output=True, text=True).stdout

    def wait(condition, seconds=30):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            text = screen()
            if condition(text):
                return text
            time.sleep(0.005)
        raise SystemExit("timed out; the screen was:\n" + screen())

    wait(lambda s: "live 0/45" in s)
    subprocess.run(tmux + ["send-keys", "-t", "c", "s"], check=True)
    wait(lambda s: station_name in s)
    sender = socket.create_connection(("127.0.0.1", listen))
    from_ack, from_send = [], []
    for trial in range(trials + 2):
        value = 100.0 + trial + 0.5
        shown = f"PM2.5 {value:.1f}"
        time.sleep(1.05)   # a DataTime of its own (one record a second), and the console idle again
        sent = time.monotonic()
        sender.sendall(frame(time.time(), value))
        reply = b""
        while b"CN=9014" not in reply:
            reply += sender.recv(4096)
        acked = time.monotonic()
        wait(lambda s: any(station_name in line and shown in line for line in s.splitlines()))
        visible = time.monotonic()
        if trial >= 2:   # the first two warm the paths up
            from_ack.append((visible - acked) * 1000)
            from_send.append((visible - sent) * 1000)

    def summary(values):
        values = sorted(values)
        p99 = values[min(len(values) - 1, int(len(values) * 0.99))]
        return f"median {values[len(values) // 2]:.0f} ms, p99 {p99:.0f} ms, max {values[-1]:.0f} ms, min {values[0]:.0f} ms"

    print(f"{backend}: commit to the console's screen, {trials} trials (binary {binary}):")
    print(f"  from the 9014's arrival (commit done): {summary(from_ack)}")
    print(f"  from the frame's sending:              {summary(from_send)}")
    print("  load:", os.getloadavg())
finally:
    cleanup()
