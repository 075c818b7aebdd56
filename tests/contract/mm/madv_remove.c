// SPDX-License-Identifier: MIT
// MADV_REMOVE on a shared file mapping punches a hole in the file: the pages read as zeros
// through read(2), this mapping and another one, the file keeps its size and gives the blocks back.
#include "contract.h"
#include <sys/mman.h>
#include <sys/stat.h>

int main(void)
{
    int fd = open("f", O_RDWR | O_CREAT | O_TRUNC, 0644);
    static char data[4 * 4096];
    memset(data, 'd', sizeof data);
    write(fd, data, sizeof data);
    struct stat st;
    fstat(fd, &st);
    long blocks = st.st_blocks;
    char *m = mmap(NULL, 4 * 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    char *other = mmap(NULL, 4 * 4096, PROT_READ, MAP_SHARED, fd, 0);
    char *priv = mmap(NULL, 4 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    say("before: %c %c %c\n", m[4096], other[4096], priv[4096]);
    priv[2 * 4096] = 'p';   // a private copy survives the punch
    RET(madvise(m + 4096, 2 * 4096, MADV_REMOVE));
    char buf[2] = {0};
    pread(fd, buf, 1, 4096);
    say("read(2) of the hole: %d, mapping %d, other mapping %d, private mapping %d\n", buf[0], m[4096], other[4096],
        priv[4096]);
    say("private copy kept: %c, outside the hole: %c %c\n", priv[2 * 4096], m[0], m[3 * 4096]);
    fstat(fd, &st);
    say("size %lld, blocks %ld -> %ld\n", (long long)st.st_size, blocks, (long)st.st_blocks);
    m[4096] = 'n';
    pread(fd, buf, 1, 4096);
    say("store into the hole: %c\n", buf[0]);
    RET(madvise(m, 4096, MADV_REMOVE | 0));
    RET(madvise(priv, 4096, MADV_REMOVE));
    return 0;
}
