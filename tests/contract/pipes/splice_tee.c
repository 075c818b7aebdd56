// SPDX-License-Identifier: MIT
// splice between a file and pipes, tee duplicating pipe data without consuming it, vmsplice, error cases.
#include "contract.h"
#include <sys/uio.h>

int main(void)
{
    ct_write_file("in", "spliced-data", 0644);
    int in = open("in", O_RDONLY);
    int p[2], q[2];
    pipe(p);
    pipe(q);
    loff_t off = 8;
    RET(splice(in, &off, p[1], NULL, 100, 0));
    say("off: %lld\n", (long long)off);
    RET(tee(p[0], q[1], 100, 0));
    char buf[32] = {0};
    RET(read(q[0], buf, sizeof buf));
    say("tee copy: %s\n", buf);
    int out = open("out", O_WRONLY | O_CREAT | O_TRUNC, 0644);
    RET(splice(p[0], NULL, out, NULL, 100, 0));
    memset(buf, 0, sizeof buf);
    ct_read_file("out", buf, sizeof buf);
    say("file got: %s\n", buf);
    struct iovec iov = {"vm", 2};
    RET(vmsplice(p[1], &iov, 1, 0));
    memset(buf, 0, sizeof buf);
    RET(read(p[0], buf, sizeof buf));
    say("vmsplice: %s\n", buf);
    RET(splice(in, NULL, out, NULL, 10, 0));
    RET(tee(p[0], p[1], 10, 0));
    RET(splice(p[0], &off, out, NULL, 10, 0));
    fcntl(p[0], F_SETFL, O_NONBLOCK);
    RET(splice(p[0], NULL, out, NULL, 10, SPLICE_F_NONBLOCK));
    return 0;
}
