# SPDX-License-Identifier: MIT
# Debian's bash: functions (local, recursion, return codes), indexed and associative arrays, parameter
# expansion, [[ ]] with regexes, here-docs and here-strings, process substitution, mapfile, printf -v.
set -u
fact() {
  local n=$1
  if (( n <= 1 )); then echo 1; else echo $(( n * $(fact $((n - 1))) )); fi
}
echo "fact 12 = $(fact 12)"
check() { [[ $1 == "$2" ]] && return 0; return 3; }
check a a; echo "check same: $?"
check a b; echo "check different: $?"
counter=0
bump() { counter=$((counter + $1)); }
for i in 1 2 3 4; do bump "$i"; done
echo "counter = $counter"
scope() { local counter=99; echo "inner $counter"; }
scope; echo "outer $counter"
declare -f bump | head -n 1

a=(zero one two three "four five")
echo "count ${#a[@]}; last '${a[-1]}'; slice ${a[@]:1:2}"
a+=(six)
unset 'a[2]'
echo "indices ${!a[*]}; values ${a[*]}"
for w in "${a[@]}"; do printf '<%s>' "$w"; done; echo
declare -A color=([apple]=red [banana]=yellow [cherry]="dark red")
color[lime]=green
for k in $(printf '%s\n' "${!color[@]}" | sort); do echo "$k -> ${color[$k]}"; done
echo "has banana: ${color[banana]+yes}; has kiwi: ${color[kiwi]-no}"

s="The quick brown fox"
echo "${s^^} | ${s,,} | ${#s} | ${s// /_} | ${s#* } | ${s%% *} | ${s:4:5}"
path=/usr/lib/python3.11/json/__init__.py
echo "${path##*/} ${path%/*} ${path/python3.11/pythonX}"
if [[ $path =~ python([0-9]+)\.([0-9]+) ]]; then
  echo "major ${BASH_REMATCH[1]} minor ${BASH_REMATCH[2]}"
fi
shopt -s extglob
for f in a.txt b.log c.tar.gz d; do
  case $f in
    *.@(txt|log)) echo "$f: text" ;;
    *.tar.+([a-z])) echo "$f: tarball" ;;
    *) echo "$f: other" ;;
  esac
done
echo {1..5} {a..e..2} x{A,B}y
printf -v padded '%05d|%-6s|%x|%o|%.3f' 42 ab 255 8 3.14159
echo "$padded"

name=world
cat <<EOT
hello $name, $((6 * 7))
  kept indentation $(echo subst)
EOT
cat <<'EOT'
literal $name $((1+1))
EOT
	cat <<-EOT
	tabs stripped for $name
	EOT
read -r first rest <<< "alpha beta gamma"
echo "first=$first rest=$rest"
mapfile -t lines <<'EOT'
line one
line two
line three
EOT
echo "mapfile ${#lines[@]}: ${lines[1]}"
IFS=: read -r -a parts <<< "root:x:0:0:root:/root:/bin/bash"
echo "parts ${#parts[@]} shell ${parts[6]}"
diff <(printf '%s\n' a b c) <(printf '%s\n' a B c) | sed 's/^/diff: /'
echo "diff status ${PIPESTATUS[0]}"
coproc UPPER { tr a-z A-Z; }
co_pid=$UPPER_PID co_in=${UPPER[1]} co_out=${UPPER[0]}
exec {co_dup}<&"$co_out"
echo "coprocess text" >&"$co_in"
exec {co_in}>&-
read -r reply <&"$co_dup"
wait "$co_pid"
echo "coproc status $?"
echo "coproc said: $reply"
(( x = 2 ** 40, y = x % 1000003 ))
echo "arith $x $y $(( -17 / 5 )) $(( -17 % 5 )) $(( 0x1f | 0100 ))"
