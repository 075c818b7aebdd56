#!/bin/sh
# BusyBox networking over 127.0.0.1: ifconfig brings lo up, nc as server and client, httpd serving
# files to wget, and a refused connection.
ifconfig lo up && echo "lo up"
ifconfig lo | grep -o "inet addr:127.0.0.1" || echo "no address"
mkdir -p www && echo "hello from httpd" > www/index.html
nc -l -p 5555 > received &
ncpid=$!
sleep 0.3
echo "over nc" | nc 127.0.0.1 5555
wait $ncpid
echo "nc server got: $(cat received)"
httpd -f -p 127.0.0.1:8080 -h www &
hpid=$!
sleep 0.3
wget -q -O - http://127.0.0.1:8080/index.html
wget -q -O - http://127.0.0.1:8080/missing.html 2>&1 | head -1 || true
wget -q -O got.html http://127.0.0.1:8080/ && cat got.html
kill $hpid
wait $hpid 2>/dev/null
nc 127.0.0.1 5556 < /dev/null; echo "nc to a closed port: status $?"
wget -q -O - http://127.0.0.1:8081/ 2>&1; echo "wget to a closed port: status $?"
head -2 /proc/net/dev
grep -c "lo:" /proc/net/dev
ls -l /proc/net | sed 's/.*-> //'
for f in dev tcp tcp6 udp udp6; do test -r /proc/self/net/$f && echo "has $f"; done
nc -l -p 5557 > /dev/null &
sleep 0.3
grep ":15B5 " /proc/net/tcp | cut -c1-120
head -1 /proc/net/tcp | wc -c
kill $! 2>/dev/null; wait 2>/dev/null
