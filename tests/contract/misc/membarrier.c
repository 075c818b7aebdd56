// SPDX-License-Identifier: MIT
// membarrier: the QUERY mask, flag and command validation, and the registration each private
// command needs (per address space, reset by exec).
#include "contract.h"
#include <sys/syscall.h>

#define CMD_QUERY 0
#define CMD_GLOBAL 1
#define CMD_GLOBAL_EXPEDITED 2
#define CMD_REGISTER_GLOBAL_EXPEDITED 4
#define CMD_PRIVATE_EXPEDITED 8
#define CMD_REGISTER_PRIVATE_EXPEDITED 16
#define CMD_PRIVATE_EXPEDITED_SYNC_CORE 32
#define CMD_REGISTER_PRIVATE_EXPEDITED_SYNC_CORE 64
#define CMD_PRIVATE_EXPEDITED_RSEQ 128
#define CMD_REGISTER_PRIVATE_EXPEDITED_RSEQ 256
#define CMD_GET_REGISTRATIONS 512
#define FLAG_CPU 1

static long mb(int cmd, unsigned flags, int cpu) { return syscall(SYS_membarrier, cmd, flags, cpu); }

static void privates(const char *who)
{
    say("%s: private %s sync_core %s rseq %s\n", who, mb(CMD_PRIVATE_EXPEDITED, 0, 0) ? ct_errname(errno) : "0",
        mb(CMD_PRIVATE_EXPEDITED_SYNC_CORE, 0, 0) ? ct_errname(errno) : "0",
        mb(CMD_PRIVATE_EXPEDITED_RSEQ, 0, 0) ? ct_errname(errno) : "0");
}

int main(int argc, char **argv)
{
    if (argc > 1) {
        privates("after exec");
        return 0;
    }
    say("query: %#lx\n", mb(CMD_QUERY, 0, 0));
    RET(mb(CMD_QUERY, 1, 0));
    RET(mb(CMD_QUERY, 0, 5));
    RET(mb(CMD_GLOBAL, 0, 0));
    RET(mb(CMD_GLOBAL, FLAG_CPU, 0));
    RET(mb(CMD_GLOBAL_EXPEDITED, 0, 0));
    RET(mb(3, 0, 0));
    RET(mb(CMD_GET_REGISTRATIONS, 0, 0));
    RET(mb(1024, 0, 0));
    RET(mb(-1, 0, 0));
    privates("unregistered");
    RET(mb(CMD_PRIVATE_EXPEDITED_RSEQ, 2, 0));
    RET(mb(CMD_PRIVATE_EXPEDITED, FLAG_CPU, 0));
    RET(mb(CMD_REGISTER_PRIVATE_EXPEDITED, 0, 0));
    RET(mb(CMD_REGISTER_PRIVATE_EXPEDITED, 0, 0));
    RET(mb(CMD_REGISTER_PRIVATE_EXPEDITED, FLAG_CPU, 0));
    privates("private registered");
    RET(mb(CMD_REGISTER_PRIVATE_EXPEDITED_SYNC_CORE, 0, 0));
    RET(mb(CMD_REGISTER_PRIVATE_EXPEDITED_RSEQ, 0, 0));
    privates("all registered");
    RET(mb(CMD_PRIVATE_EXPEDITED_RSEQ, FLAG_CPU, 0));
    RET(mb(CMD_PRIVATE_EXPEDITED_RSEQ, FLAG_CPU, 100000));
    RET(mb(CMD_PRIVATE_EXPEDITED_RSEQ, FLAG_CPU, -1));
    RET(mb(CMD_REGISTER_GLOBAL_EXPEDITED, 0, 0));
    RET(mb(CMD_GLOBAL_EXPEDITED, 0, 0));
    pid_t c = fork();
    if (c == 0) {
        privates("forked");
        _exit(0);
    }
    say("fork: %s\n", ct_wait(c));
    c = fork();
    if (c == 0) {
        ct_exec_self("exec", NULL);
        _exit(127);
    }
    say("exec: %s\n", ct_wait(c));
    return 0;
}
