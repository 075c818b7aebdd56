// SPDX-License-Identifier: MIT
// POKETEXT into the tracee's read-only code (linux: FOLL_FORCE makes a private copy): the patched
// function returns another value in the tracee only; the tracee still cannot write its text.
#include "pt.h"
#include <signal.h>
#include <setjmp.h>

__attribute__((noinline, aligned(16))) int answer(void)
{
    __asm__ volatile("");
    return 1;
}
int (*volatile answer_ptr)(void) = answer;

int main(void)
{
    pid_t pid = fork();
    if (pid == 0) {
        pt_traceme_stop();
        _exit(answer_ptr());
    }
    pt_show("stop", pid);
    errno = 0;
    long orig = ptrace(PTRACE_PEEKTEXT, pid, (void *)answer, 0);
    say("peek text ok: %s\n", errno == 0 && orig == *(long *)(void *)answer ? "yes" : "no");
    // mov $42, %eax ; ret, then the original bytes.
    unsigned char code[8];
    memcpy(code, &orig, 8);
    unsigned char patch[6] = {0xb8, 42, 0, 0, 0, 0xc3};
    memcpy(code, patch, sizeof patch);
    long word;
    memcpy(&word, code, 8);
    PTSAY("poke text", PT(PTRACE_POKETEXT, pid, answer, word));
    errno = 0;
    long now = ptrace(PTRACE_PEEKTEXT, pid, (void *)answer, 0);
    say("peek shows patch: %s\n", now == word ? "yes" : "no");
    say("own answer: %d\n", answer_ptr());
    PTSAY("cont", PT(PTRACE_CONT, pid, 0, 0));
    pt_show("end", pid);
    // The tracee itself writing its text still faults.
    pid_t c = fork();
    if (c == 0) {
        *(volatile unsigned char *)(void *)answer = 0xc3;
        _exit(0);
    }
    say("self write: %s\n", ct_wait(c));
    return 0;
}
