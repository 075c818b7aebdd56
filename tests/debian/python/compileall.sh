# SPDX-License-Identifier: MIT
# `python3 -m compileall` of a small package tree written at run time: the listing, the .pyc files it
# writes, a syntax error reported with its location, then the compiled modules imported and run, and
# py_compile and -O levels.
set -e
mkdir -p tree/pkg/sub tree/scripts
cat > tree/pkg/__init__.py <<'PY'
VERSION = (1, 2)
PY
cat > tree/pkg/util.py <<'PY'
def fib(n):
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a

class Shape:
    sides = 0
    def describe(self):
        return f"{type(self).__name__} with {self.sides} sides"
PY
cat > tree/pkg/sub/__init__.py <<'PY'
PY
cat > tree/pkg/sub/shapes.py <<'PY'
from ..util import Shape

class Square(Shape):
    sides = 4

def all_shapes():
    return [Square()]
PY
cat > tree/scripts/broken.py <<'PY'
def oops(:
    pass
PY
cat > tree/scripts/ok.py <<'PY'
print("script ok")
PY
status=0
python3 -m compileall tree > log.txt 2>&1 || status=$?
echo "compileall status: $status"
cat log.txt
find tree -name '*.pyc' | sed 's/\.cpython-3[0-9]*\././' | sort
python3 -m compileall -q tree/pkg; echo "quiet recompile of the good part: $?"
python3 -m compileall -q -f -o 1 -o 2 tree/pkg; echo "optimized levels: $?"
ls tree/pkg/__pycache__ | sed 's/\.cpython-3[0-9]*\././' | sort
cd tree
python3 -c '
import pkg, pkg.util, pkg.sub.shapes as s, importlib.util, sys
print("version", pkg.VERSION, "fib(90)", pkg.util.fib(90))
print([x.describe() for x in s.all_shapes()])
print("loaded from a .pyc:", pkg.util.__cached__.endswith(".pyc"), importlib.util.cache_from_source("pkg/util.py").startswith("pkg/__pycache__/util."))
'
rm pkg/util.py
python3 -c 'import sys; sys.path.insert(0, "."); import pkg.util' 2>&1 | tail -n 1
tag=$(python3 -c 'import sys; print(sys.implementation.cache_tag)')
mv "pkg/__pycache__/util.$tag.pyc" pkg/util.pyc
python3 -c 'import pkg.util; print("sourceless import:", pkg.util.fib(10))'
python3 -m py_compile scripts/ok.py && echo "py_compile ok"
python3 -m py_compile scripts/broken.py 2>&1 | grep -E 'SyntaxError|line [0-9]' | sed 's/^ *//'
python3 -B -c 'import sys; print("dont_write_bytecode", sys.dont_write_bytecode)'
