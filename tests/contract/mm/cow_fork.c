// SPDX-License-Identifier: MIT
// Copy-on-write after fork: private anon, heap, stack and private file mappings diverge; shared ones do not.
#include "contract.h"
#include <sys/mman.h>

int main(void)
{
    char *priv = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    char *shared = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    char *heap = malloc(100);
    char stack[16];
    strcpy(priv, "parent");
    strcpy(shared, "parent");
    strcpy(heap, "parent");
    strcpy(stack, "parent");
    ct_write_file("f", "parent-file", 0644);
    int fd = open("f", O_RDWR);
    char *fpriv = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    char *fshared = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    int p[2];
    pipe(p);
    pid_t pid = fork();
    if (pid == 0) {
        char seen[64];
        snprintf(seen, sizeof seen, "%s %s %s %s", priv, shared, heap, stack);
        strcpy(priv, "child");
        strcpy(shared, "child");
        strcpy(heap, "child");
        strcpy(stack, "child");
        fpriv[0] = 'P';
        fshared[1] = 'S';
        write(p[1], seen, strlen(seen) + 1);
        _exit(0);
    }
    char seen[64] = {0};
    read(p[0], seen, sizeof seen);
    ct_wait(pid);
    say("child saw: %s\n", seen);
    say("parent after: priv=%s shared=%s heap=%s stack=%s\n", priv, shared, heap, stack);
    say("file private: %.11s shared: %.11s\n", fpriv, fshared);
    char buf[16] = {0};
    pread(fd, buf, 11, 0);
    say("file content: %s\n", buf);
    // Parent writes after fork must not leak to a second child either.
    strcpy(priv, "second");
    pid = fork();
    if (pid == 0) { _exit(strcmp(priv, "second") == 0 ? 0 : 1); }
    say("second child sees new value: %s\n", ct_wait(pid));
    return 0;
}
