// SPDX-License-Identifier: MIT
// /proc/self/smaps for mappings whose figures do not depend on history: an anonymous private
// mapping with some pages written, a locked one, a shared file mapping of a read-only open file.
#include "contract.h"
#include <sys/mman.h>

static char text[1 << 17];

// Prints the smaps block of the mapping at addr without its first (address) line.
static void show(const char *label, void *addr)
{
    ct_read_file("/proc/self/smaps", text, sizeof text);
    unsigned long a = (unsigned long)addr;
    char *l = text;
    int in = 0;
    say("%s:\n", label);
    while (*l) {
        char *nl = strchr(l, '\n');
        if (nl) *nl = 0;
        unsigned long lo, hi;
        char c;
        if (sscanf(l, "%lx-%lx %c", &lo, &hi, &c) == 3 && strchr(l, ' ') && l[strlen(l) - 1] != ':') {
            if (in) break;
            in = a >= lo && a < hi;
            if (in) {
                // Permissions and offset; device and inode depend on history, the name on the column.
                char perms[5];
                unsigned long off;
                sscanf(l, "%*lx-%*lx %4s %lx", perms, &off);
                say("  %s %08lx%s%s\n", perms, off, strlen(l) > 73 ? " " : "", strlen(l) > 73 ? l + 73 : "");
            }
        } else if (in) {
            say("  %s\n", l);
        }
        if (!nl) break;
        l = nl + 1;
    }
}

int main(void)
{
    char *g = mmap(NULL, 8 * 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    char *p = mmap(g + 4096, 4 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    p[0] = 1;
    p[2 * 4096] = 1;
    show("anonymous, 2 of 4 pages written", p);
    char *g2 = mmap(NULL, 8 * 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    char *q = mmap(g2 + 4096, 2 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    mlock(q, 2 * 4096);
    show("locked", q);
    int fd = open("f", O_RDWR | O_CREAT | O_TRUNC, 0644);
    ftruncate(fd, 2 * 4096);
    int ro = open("f", O_RDONLY);
    char *s = mmap(NULL, 2 * 4096, PROT_READ, MAP_SHARED, ro, 0);
    show("shared file, untouched", s);
    return 0;
}
