# SPDX-License-Identifier: MIT
# python3 -c with the pure-computation stdlib: seeded random, json, hashlib (OpenSSL's libcrypto), hmac,
# zlib/bz2/lzma, struct, decimal and fractions, datetime, re, collections and itertools, sqlite3, csv.
set -e
python3 -c '
import random
random.seed(42)
print("random", round(random.random(), 12), random.randint(1, 10**9), random.choice("abcdefgh"))
xs = list(range(10)); random.shuffle(xs); print("shuffle", xs)
print("sample", random.sample(range(1000), 5), "gauss", round(random.gauss(0, 1), 9))
r = random.Random("seed-string"); print("Random(str)", r.getrandbits(64), round(r.uniform(1, 2), 9))
import os, secrets
print("urandom sizes", len(os.urandom(16)), len(secrets.token_hex(8)))
'
python3 -c '
import json
doc = {"name": "aramid", "n": [1, 2.5, None, True, False], "nested": {"z": "ü€😀", "a": [[], {}]}, "big": 2**70}
s = json.dumps(doc, sort_keys=True)
print(s)
print(json.dumps(doc, sort_keys=True, ensure_ascii=False, indent=1).count("\n"), "lines indented")
back = json.loads(s); print("round trip", back == doc, type(back["big"]).__name__)
try:
    json.loads("{\"a\": 1,}")
except json.JSONDecodeError as e:
    print("error", e.msg, e.pos)
print(json.dumps([float("inf"), 1e-7, 0.1 + 0.2]))
'
python3 -c '
import hashlib, hmac, base64, binascii, zlib, bz2, lzma
data = b"The quick brown fox jumps over the lazy dog"
for name in ["md5", "sha1", "sha224", "sha256", "sha384", "sha512", "sha3_256", "blake2b", "blake2s", "shake_128"]:
    h = hashlib.new(name, data)
    print(name, h.hexdigest(16) if name.startswith("shake") else h.hexdigest())
print("pbkdf2", hashlib.pbkdf2_hmac("sha256", b"password", b"salt", 1000).hex())
print("hmac", hmac.new(b"key", data, "sha256").hexdigest())
print("algorithms include sha256:", "sha256" in hashlib.algorithms_available)
print("base64", base64.b64encode(data[:10]).decode(), base64.b32encode(b"abc").decode(), binascii.crc32(data))
z = zlib.compress(data * 100, 9); print("zlib", len(z), zlib.decompress(z) == data * 100, zlib.adler32(data))
b = bz2.compress(data * 100); print("bz2", len(b), bz2.decompress(b) == data * 100)
x = lzma.compress(data * 100); print("lzma", lzma.decompress(x) == data * 100)
'
python3 -c '
import struct, decimal, fractions, datetime, re, collections, itertools, math, statistics
print(struct.pack("<IhQd", 1, -2, 2**40, 1.5).hex(), struct.unpack(">HH", b"\x01\x02\x03\x04"), struct.calcsize("@iq"))
decimal.getcontext().prec = 30
print(decimal.Decimal(1) / decimal.Decimal(7), decimal.Decimal("1.10") + decimal.Decimal("2.205"))
print(fractions.Fraction(3, 4) + fractions.Fraction(5, 6), fractions.Fraction(0.125))
d = datetime.datetime(2024, 2, 29, 13, 14, 15, tzinfo=datetime.timezone.utc)
print(d.isoformat(), (d + datetime.timedelta(days=365)).date(), d.strftime("%a %d %b %Y %j"), d.timestamp())
print(datetime.date(2000, 1, 1).isocalendar(), datetime.datetime.fromtimestamp(0, datetime.timezone.utc))
m = re.findall(r"(?P<k>\w+)=(?P<v>\d+)", "a=1 bb=22 ccc=333"); print(m, re.sub(r"\d", lambda x: str(int(x.group()) * 2), "a1b2c3"))
c = collections.Counter("mississippi"); print(c.most_common(3), collections.OrderedDict(sorted(c.items())))
dq = collections.deque(range(5), maxlen=3); dq.appendleft(9); print(list(dq))
print(list(itertools.permutations("abc", 2))[:4], list(itertools.accumulate([1, 2, 3, 4])), list(itertools.islice(itertools.count(10, 5), 3)))
print(math.factorial(20), math.comb(50, 25), math.gcd(1071, 462), round(math.pi, 10), math.isqrt(10**20 + 1))
print(statistics.mean([1, 2, 3, 4]), statistics.median([3, 1, 2]), round(statistics.stdev([2, 4, 4, 4, 5, 5, 7, 9]), 10))
print(sorted({3, 1, 2} | {5}), "%05.1f|%-4s|%x" % (3.14159, "ab", 255), f"{12345.678:,.2f} {255:#b}")
'
python3 -c '
import sqlite3, csv, io
db = sqlite3.connect(":memory:")
db.execute("create table t (k text primary key, v integer)")
db.executemany("insert into t values (?, ?)", [(f"key{i}", i * i) for i in range(100)])
print("sqlite", db.execute("select count(*), sum(v), max(k) from t").fetchone(), sqlite3.sqlite_version_info >= (3, 0))
db.close()
db = sqlite3.connect("file.db")
db.execute("create table x (a)"); db.execute("insert into x values (42)"); db.commit(); db.close()
print("sqlite file", sqlite3.connect("file.db").execute("select a from x").fetchone())
buf = io.StringIO()
w = csv.writer(buf); w.writerow(["a", "b,c", "d\"e"]); w.writerow([1, 2, 3])
print(repr(buf.getvalue()), list(csv.reader(io.StringIO(buf.getvalue())))[0])
'
