// SPDX-License-Identifier: MIT
// PEEKDATA/POKEDATA on a stopped tracee's data, and the errors: an unmapped address is EIO, a bad
// result pointer (raw syscall) is EFAULT. The tracer's own copy of the data is untouched.
#include "pt.h"

static volatile long value = 0x1234;
static volatile long other = 5;

int main(void)
{
    pid_t pid = fork();
    if (pid == 0) {
        pt_traceme_stop();
        _exit((int)(value & 0x7f) + (other == 5 ? 0 : 1));
    }
    pt_show("stop", pid);
    errno = 0;
    long w = ptrace(PTRACE_PEEKDATA, pid, (void *)&value, 0);
    say("peek: %#lx errno %s\n", w, ct_errname(errno));
    PTSAY("poke", PT(PTRACE_POKEDATA, pid, &value, 0x21));
    errno = 0;
    w = ptrace(PTRACE_PEEKTEXT, pid, (void *)&value, 0);
    say("peek after poke: %#lx\n", w);
    say("own value: %#lx\n", (long)value);
    errno = 0;
    w = ptrace(PTRACE_PEEKDATA, pid, (void *)8, 0);
    say("peek at 8: %ld %s\n", w, ct_errname(errno));
    PTSAY("poke at 8", PT(PTRACE_POKEDATA, pid, 8, 1));
    long rr = syscall(SYS_ptrace, PTRACE_PEEKDATA, pid, (void *)&value, (void *)1);
    say("raw peek to bad pointer: %s\n", rr == -1 ? ct_errname(errno) : "ok");
    u_int64_t word = 0;
    rr = syscall(SYS_ptrace, PTRACE_PEEKDATA, pid, (void *)&other, &word);
    say("raw peek: %ld word %lu\n", rr, (unsigned long)word);
    PTSAY("cont", PT(PTRACE_CONT, pid, 0, 0));
    pt_show("end", pid);
    return 0;
}
