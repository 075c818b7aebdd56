#!/bin/sh
# A server in the guest reached from the host: BusyBox httpd on port 8080, fetched by the host
# through hostfwd (tests/net/host/probe reports status, size and SHA-256 of what it got).
mkdir -p www
seq 1 200000 > www/seq.txt
echo "small page" > www/index.html
httpd -f -p 8080 -h www &
hpid=$!
sleep 1
echo "http /index.html" | nc 10.0.2.101 80
echo "http /seq.txt" | nc 10.0.2.101 80
sha256sum < www/seq.txt | cut -d' ' -f1
echo "http /missing.html" | nc 10.0.2.101 80
kill $hpid
wait $hpid 2>/dev/null
echo "done"
