# A peer sending bad-CRC HJ 212 frames (Flag=4: no reply wanted) as fast as TCP takes them.
import socket, sys, time
host, port, seconds = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
data = ("QN=20240115083000001;ST=22;CN=2011;PW=123456;MN=330203A000000001;Flag=4;"
        "CP=&&DataTime=20240115083000;a34004-Rtd=35,a34004-Flag=N&&")
frame = ("##%04d" % len(data) + data + "0000\r\n").encode()
chunk = frame * 500
s = socket.create_connection((host, port))
end = time.time() + seconds
sent = 0
while time.time() < end:
    s.sendall(chunk)
    sent += 500
print(sent, "bad frames sent in", seconds, "s:", round(sent / seconds), "frames/s")
