// SPDX-License-Identifier: MIT
// Path strings copied in at the edges: ending right before an inaccessible page (with and without
// their NUL), starting at every alignment, starting inside the inaccessible page, and lengths
// around PATH_MAX and short-buffer boundaries. The kernel reads strings a word at a time once
// aligned; none of that may show.
#include "contract.h"
#include <limits.h>
#include <sys/mman.h>

static char *g_page;   // a readable page followed by a PROT_NONE one

// Places s (with its NUL unless drop_nul) so that it ends at the last byte of the readable page.
static const char *at_edge(const char *s, int drop_nul)
{
    size_t n = strlen(s) + (drop_nul ? 0 : 1);
    char *p = g_page + 4096 - n;
    memcpy(p, s, n);
    return p;
}

static void stat_len(size_t len)
{
    // "/" repeated, then "dev/null": resolves to /dev/null whatever the length.
    static char buf[PATH_MAX + 64];
    memset(buf, '/', len);
    memcpy(buf + len - 8, "dev/null", 8);
    buf[len] = 0;
    struct stat st;
    errno = 0;
    long r = stat(buf, &st);
    say("stat length %zu: %s\n", len, r == 0 ? "ok" : ct_errname(errno));
}

int main(void)
{
    struct stat st;
    g_page = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (g_page == MAP_FAILED) return 1;
    OK(mprotect(g_page + 4096, 4096, PROT_NONE));

    RET(stat(at_edge("/dev/null", 0), &st));
    RET(stat(at_edge("/dev/null", 1), &st));           // the NUL would be in the PROT_NONE page
    RET(stat(at_edge("/", 0), &st));
    RET(stat(at_edge("", 0), &st));
    RET(stat(at_edge("x", 1), &st));
    RET(open(at_edge("/dev/null", 0), O_RDONLY));
    RET(open(at_edge("/dev/nul", 1), O_RDONLY));
    RET(stat(g_page + 4096, &st));                     // starts in the PROT_NONE page
    RET(stat(NULL, &st));
    RET(stat((const char *)0xffff800000000000ull, &st));
    RET(stat((const char *)-1L, &st));

    // Every alignment of the start, with the string ending at the edge and in the middle.
    const char *name = "/proc/self/../self/status";
    int ok_edge = 0, ok_mid = 0, fault_edge = 0;
    for (int shift = 0; shift < 16; shift++) {
        char *p = g_page + 4096 - strlen(name) - 1 - shift;
        memcpy(p, name, strlen(name) + 1);
        memset(p + strlen(name) + 1, 'z', shift);      // bytes after the NUL, up to the edge
        ok_edge += stat(p, &st) == 0;
        char *q = g_page + 100 + shift;
        memcpy(q, name, strlen(name) + 1);
        ok_mid += stat(q, &st) == 0;
        char *r = g_page + 4096 - strlen(name) - shift;   // NUL-less to the edge
        memcpy(r, name, strlen(name));
        memset(r + strlen(name), 'z', shift);
        errno = 0;
        fault_edge += stat(r, &st) == -1 && errno == EFAULT;
    }
    say("aligned starts: edge ok %d, middle ok %d, unterminated EFAULT %d (of 16)\n", ok_edge, ok_mid, fault_edge);

    // Lengths around PATH_MAX (4096 with the NUL) and around short in-kernel buffers.
    size_t lens[] = {8, 9, 15, 16, 17, 63, 64, 127, 128, 190, 191, 192, 193, 255, 256, 257,
                     1023, 1024, 4094, 4095, 4096, 4097};
    for (unsigned i = 0; i < sizeof lens / sizeof lens[0]; i++) stat_len(lens[i]);

    // An unterminated path that fills everything up to the edge, longer than PATH_MAX.
    char *big = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (big == MAP_FAILED) return 1;
    OK(mprotect(big + 2 * 4096, 4096, PROT_NONE));
    memset(big, '/', 2 * 4096);
    RET(stat(big, &st));                               // no NUL within PATH_MAX: ENAMETOOLONG
    RET(stat(big + 2 * 4096 - 100, &st));              // runs into PROT_NONE first: EFAULT
    return 0;
}
