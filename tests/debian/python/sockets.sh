# SPDX-License-Identifier: MIT
# python3 over loopback: lo brought up with SIOCSIFFLAGS, a TCP echo server in a thread and its client,
# UDP datagrams, socket.getaddrinfo, and http.server serving a file to urllib.request in another process.
set -e
python3 -c '
import fcntl, socket, struct
SIOCGIFFLAGS, SIOCSIFFLAGS, IFF_UP = 0x8913, 0x8914, 1
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
flags = struct.unpack("16sh", fcntl.ioctl(s, SIOCGIFFLAGS, struct.pack("16sh", b"lo", 0)))[1]
fcntl.ioctl(s, SIOCSIFFLAGS, struct.pack("16sh", b"lo", flags | IFF_UP))
flags = struct.unpack("16sh", fcntl.ioctl(s, SIOCGIFFLAGS, struct.pack("16sh", b"lo", 0)))[1]
print("lo up:", bool(flags & IFF_UP), "index:", socket.if_nametoindex("lo"))
'
python3 -c '
import socket, threading
srv = socket.create_server(("127.0.0.1", 0))
port = srv.getsockname()[1]
def serve():
    conn, addr = srv.accept()
    with conn:
        while data := conn.recv(4096):
            conn.sendall(data.upper())
t = threading.Thread(target=serve)
t.start()
with socket.create_connection(("127.0.0.1", port)) as c:
    for word in ["hello", "loopback", "tcp"]:
        c.sendall(word.encode())
        print("echo:", c.recv(4096).decode())
    big = bytes(range(256)) * 4096
    c.sendall(big.lower())
    got = b""
    while len(got) < len(big):
        got += c.recv(65536)
    print("bulk:", len(got), got == big.upper())
t.join()
srv.close()
u1 = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
u1.bind(("127.0.0.1", 0))
u2 = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
u2.sendto(b"datagram", u1.getsockname())
data, addr = u1.recvfrom(100)
print("udp:", data, addr[0], addr[1] == u2.getsockname()[1])
print("getaddrinfo:", sorted({(a[0].name, a[4][0]) for a in socket.getaddrinfo("127.0.0.1", 80)}))
try:
    socket.create_connection(("127.0.0.1", port), timeout=5)
except ConnectionRefusedError as e:
    print("refused:", e.errno)
'
mkdir -p /tmp/www && cd /tmp/www && printf "served over loopback\n" > index.txt
python3 -u -m http.server 0 --bind 127.0.0.1 > /tmp/www.log 2>&1 &
server=$!
python3 -c '
import re, time, urllib.request
for _ in range(100):
    m = re.search(r"port (\d+)", open("/tmp/www.log").read())
    if m:
        break
    time.sleep(0.1)
port = m.group(1)
with urllib.request.urlopen("http://127.0.0.1:%s/index.txt" % port) as r:
    print("http:", r.status, r.read().decode().strip(), r.headers["Content-Length"])
try:
    urllib.request.urlopen("http://127.0.0.1:%s/missing" % port)
except urllib.error.HTTPError as e:
    print("http missing:", e.code)
'
kill $server
wait $server || true
