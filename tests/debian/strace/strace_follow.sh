# SPDX-License-Identifier: MIT
# Debian's strace on a small command: -f follows the shell's children through fork and exec
# (PTRACE_SEIZE, PTRACE_O_TRACE*, syscall stops, PTRACE_GET_SYSCALL_INFO, process_vm_readv for
# the strings). Pids and addresses differ between kernels, so they are masked.
mask() { sed -E -e 's/^\[pid +[0-9]+\] /[pid N] /' -e 's/^[0-9]+ +//' -e 's/0x[0-9a-f]+/ADDR/g'; }
strace -f -qq -o trace.txt -e trace=execve,exit_group,write -e signal=none sh -c '/bin/echo hello; exit 3'
echo "strace exit status: $?"
mask < trace.txt
# A syscall's error and a signal, without -f.
strace -qq -o trace2.txt -e trace=openat,kill -e signal=none /bin/sh -c 'exec 3< /nonexistent; :' 2>/dev/null
echo "second exit status: $?"
grep -c nonexistent trace2.txt
# -c counts calls; only the names of the calls the program made are compared.
strace -c -o counts.txt /bin/true
awk 'NR > 2 && $NF ~ /^[a-z_0-9]+$/ && $NF != "total" { print $NF }' counts.txt | grep -x -e execve -e exit_group | sort
