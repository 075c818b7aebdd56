// SPDX-License-Identifier: MIT
// PTRACE_GET_SYSCALL_INFO: entry (number and arguments), exit (value, error flag) and "none"
// outside syscall stops; the return value is the full size whatever the buffer's size.
#include "pt.h"

struct info {
    unsigned char op, pad[3];
    unsigned int arch;
    unsigned long ip, sp;
    union {
        struct { unsigned long nr, args[6]; } entry;
        struct { long rval; unsigned char is_error; } exit;
    };
};

static void show(pid_t pid, const char *label)
{
    struct info in;
    memset(&in, 0xff, sizeof in);
    long n = PT(PTRACE_GET_SYSCALL_INFO, pid, sizeof in, &in);
    say("%s: size %ld op %d arch %#x", label, n, in.op, in.arch);
    if (in.op == 1) say(" nr %lu args %lu %lu %lu", in.entry.nr, in.entry.args[0], in.entry.args[1], in.entry.args[2]);
    if (in.op == 2) say(" rval %ld is_error %d", in.exit.rval, in.exit.is_error);
    say("\n");
}

int main(void)
{
    pid_t pid = fork();
    if (pid == 0) {
        pt_traceme_stop();
        pt_raw(SYS_close, 1000, 2, 3, 0);
        pt_raw(SYS_umask, 022, 0, 0, 0);
        _exit(0);
    }
    pt_show("stop", pid);
    show(pid, "signal stop");
    PT(PTRACE_SYSCALL, pid, 0, 0);
    pt_show("enter without TRACESYSGOOD", pid);
    show(pid, "enter");
    PT(PTRACE_SETOPTIONS, pid, 0, PTRACE_O_TRACESYSGOOD);
    PT(PTRACE_SYSCALL, pid, 0, 0);
    pt_show("exit", pid);
    show(pid, "exit");
    unsigned long msg = 7;
    PT(PTRACE_GETEVENTMSG, pid, 0, &msg);
    say("event message at exit: %lu\n", msg);
    PT(PTRACE_SYSCALL, pid, 0, 0);
    pt_show("enter", pid);
    show(pid, "enter");
    PT(PTRACE_GETEVENTMSG, pid, 0, &msg);
    say("event message at entry: %lu\n", msg);
    struct info small;
    long n = PT(PTRACE_GET_SYSCALL_INFO, pid, 1, &small);
    say("one byte: size %ld op %d\n", n, small.op);
    PTSAY("bad buffer", PT(PTRACE_GET_SYSCALL_INFO, pid, sizeof small, 8));
    PT(PTRACE_SYSCALL, pid, 0, 0);
    pt_show("exit", pid);
    show(pid, "exit");
    PT(PTRACE_CONT, pid, 0, 0);
    pt_show("end", pid);
    return 0;
}
