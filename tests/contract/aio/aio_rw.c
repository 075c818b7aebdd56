// SPDX-License-Identifier: MIT
// io_submit of reads, writes, vectored I/O and fsync on a regular file; io_getevents results; the ring
// head/tail as user space sees them; submission errors (EBADF, EINVAL, EFAULT) and event errors.
#include "contract.h"
#include "aio_common.h"
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/uio.h>

static void show(const char *what, struct io_event *e, struct iocb *cb)
{
    say("%s: data %llu obj-matches %d res %lld res2 %lld\n", what, (unsigned long long)e->data,
        e->obj == (unsigned long)cb, (long long)e->res, (long long)e->res2);
}

int main(void)
{
    int fd = open("f", O_RDWR | O_CREAT | O_TRUNC, 0644);
    aio_context_t ctx = 0;
    RET(aio_setup(16, &ctx));
    struct ring_hdr *h = (struct ring_hdr *)ctx;
    struct iocb cb, cb2, *v[2] = {&cb, &cb2};
    struct io_event ev[4];
    struct timespec zero = {0, 0};

    RET(aio_getevents(ctx, 0, 4, ev, &zero));
    aio_prep(&cb, IOCB_CMD_PWRITE, fd, "hello world", 11, 0);
    cb.aio_data = 7;
    cb.aio_key = 99;
    RET(aio_submit(ctx, 1, v));
    say("aio_key after submit: %u\n", cb.aio_key);
    say("tail %u head %u\n", h->tail, h->head);
    RET(aio_getevents(ctx, 1, 4, ev, NULL));
    show("pwrite", &ev[0], &cb);
    say("tail %u head %u\n", h->tail, h->head);

    char buf[32] = {0};
    aio_prep(&cb, IOCB_CMD_PREAD, fd, buf, 5, 6);
    cb.aio_data = 8;
    char buf2[32] = {0};
    aio_prep(&cb2, IOCB_CMD_PREAD, fd, buf2, 32, 0);
    cb2.aio_data = 9;
    RET(aio_submit(ctx, 2, v));
    RET(aio_getevents(ctx, 2, 4, ev, NULL));
    show("pread", &ev[0], &cb);
    show("pread2", &ev[1], &cb2);
    say("read: '%s' '%s'\n", buf, buf2);
    // User space may consume events itself, as libaio does: head = tail.
    aio_prep(&cb, IOCB_CMD_FSYNC, fd, NULL, 0, 0);
    RET(aio_submit(ctx, 1, v));
    say("ring has one: %d\n", h->tail - h->head == 1);
    h->head = h->tail;
    RET(aio_getevents(ctx, 0, 4, ev, &zero));
    aio_prep(&cb, IOCB_CMD_FDSYNC, fd, NULL, 0, 0);
    RET(aio_submit(ctx, 1, v));
    RET(aio_getevents(ctx, 1, 1, ev, NULL));
    show("fdsync", &ev[0], &cb);

    // Vectored.
    char a[4] = "abc", b[4] = "XYZ";
    struct iovec iov[2] = {{a, 3}, {b, 3}};
    aio_prep(&cb, IOCB_CMD_PWRITEV, fd, iov, 2, 20);
    RET(aio_submit(ctx, 1, v));
    RET(aio_getevents(ctx, 1, 1, ev, NULL));
    show("pwritev", &ev[0], &cb);
    char r1[2], r2[8] = {0};
    struct iovec riov[2] = {{r1, 2}, {r2, 7}};
    aio_prep(&cb, IOCB_CMD_PREADV, fd, riov, 2, 20);
    RET(aio_submit(ctx, 1, v));
    RET(aio_getevents(ctx, 1, 1, ev, NULL));
    show("preadv", &ev[0], &cb);
    say("preadv: %.2s %s\n", r1, r2);
    // Reading at the end.
    aio_prep(&cb, IOCB_CMD_PREAD, fd, buf, 10, 1000);
    RET(aio_submit(ctx, 1, v));
    RET(aio_getevents(ctx, 1, 1, ev, NULL));
    show("pread at eof", &ev[0], &cb);
    // A buffer that faults is the event's error; a kernel address fails the submission.
    aio_prep(&cb, IOCB_CMD_PREAD, fd, (void *)4096, 10, 0);
    RET(aio_submit(ctx, 1, v));
    RET(aio_getevents(ctx, 1, 1, ev, NULL));
    show("pread to bad buffer", &ev[0], &cb);
    aio_prep(&cb, IOCB_CMD_PREAD, fd, (void *)0xffff800000000000ul, 10, 0);
    RET(aio_submit(ctx, 1, v));

    // Submission errors.
    RET(aio_submit(ctx, -1, v));
    RET(aio_submit(ctx, 0, v));
    RET(aio_submit(0, 1, v));
    RET(aio_submit(ctx, 1, NULL));
    struct iocb *badv[1] = {(struct iocb *)16};
    RET(aio_submit(ctx, 1, badv));
    aio_prep(&cb, IOCB_CMD_PREAD, 999, buf, 1, 0);
    RET(aio_submit(ctx, 1, v));
    aio_prep(&cb, 42, fd, buf, 1, 0);
    RET(aio_submit(ctx, 1, v));
    aio_prep(&cb, 42, 999, buf, 1, 0);
    RET(aio_submit(ctx, 1, v));
    aio_prep(&cb, IOCB_CMD_PREAD, fd, buf, 1, -1);
    RET(aio_submit(ctx, 1, v));
    aio_prep(&cb, IOCB_CMD_PREAD, fd, buf, 1, 0);
    cb.aio_reserved2 = 1;
    RET(aio_submit(ctx, 1, v));
    aio_prep(&cb, IOCB_CMD_PREAD, fd, buf, -1ull, 0);
    RET(aio_submit(ctx, 1, v));
    aio_prep(&cb, IOCB_CMD_PREAD, fd, buf, 1, 0);
    cb.aio_rw_flags = 0x80000;
    RET(aio_submit(ctx, 1, v));
    aio_prep(&cb, IOCB_CMD_FSYNC, fd, buf, 0, 0);
    RET(aio_submit(ctx, 1, v));
    int ro = open("f", O_RDONLY);
    aio_prep(&cb, IOCB_CMD_PWRITE, ro, "x", 1, 0);
    RET(aio_submit(ctx, 1, v));
    aio_prep(&cb, IOCB_CMD_PREADV, fd, (void *)16, 2, 0);
    RET(aio_submit(ctx, 1, v));
    aio_prep(&cb, IOCB_CMD_PREADV, fd, riov, 5000, 0);
    RET(aio_submit(ctx, 1, v));
    int pfd[2];
    pipe(pfd);
    aio_prep(&cb, IOCB_CMD_FSYNC, pfd[0], NULL, 0, 0);
    RET(aio_submit(ctx, 1, v));
    int dfd = open(".", O_RDONLY | O_DIRECTORY);
    aio_prep(&cb, IOCB_CMD_PREAD, dfd, buf, 1, 0);
    RET(aio_submit(ctx, 1, v));
    // The first good iocb counts even when the second fails.
    aio_prep(&cb, IOCB_CMD_PREAD, fd, buf, 1, 0);
    aio_prep(&cb2, IOCB_CMD_PREAD, 999, buf, 1, 0);
    RET(aio_submit(ctx, 2, v));
    RET(aio_getevents(ctx, 1, 4, ev, NULL));
    // An iocb in read-only memory: aio_key cannot be written.
    struct iocb *rop = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    aio_prep(rop, IOCB_CMD_FSYNC, fd, NULL, 0, 0);
    mprotect(rop, 4096, PROT_READ);
    struct iocb *rov[1] = {rop};
    RET(aio_submit(ctx, 1, rov));
    aio_getevents(ctx, 0, 4, ev, &zero);

    // IOCB_FLAG_RESFD: the eventfd counts completions.
    int efd = eventfd(0, EFD_NONBLOCK);
    aio_prep(&cb, IOCB_CMD_PREAD, fd, buf, 3, 0);
    cb.aio_flags = IOCB_FLAG_RESFD;
    cb.aio_resfd = efd;
    aio_prep(&cb2, IOCB_CMD_PREAD, fd, buf2, 3, 3);
    cb2.aio_flags = IOCB_FLAG_RESFD;
    cb2.aio_resfd = efd;
    RET(aio_submit(ctx, 2, v));
    uint64_t n = 0;
    RET(read(efd, &n, 8));
    say("eventfd count: %llu\n", (unsigned long long)n);
    RET(aio_getevents(ctx, 2, 2, ev, NULL));
    cb.aio_resfd = fd;
    RET(aio_submit(ctx, 1, v));
    cb.aio_resfd = 999;
    RET(aio_submit(ctx, 1, v));

    // io_getevents errors.
    RET(aio_getevents(ctx, 2, 1, ev, &zero));
    RET(aio_getevents(ctx, -1, 1, ev, &zero));
    RET(aio_getevents(0, 0, 1, ev, &zero));
    RET(aio_getevents(ctx, 0, 1, ev, (struct timespec *)8));
    aio_prep(&cb, IOCB_CMD_PREAD, fd, buf, 1, 0);
    cb.aio_flags = 0;
    RET(aio_submit(ctx, 1, v));
    RET(aio_getevents(ctx, 1, 1, (struct io_event *)8, NULL));
    RET(aio_getevents(ctx, 1, 1, ev, NULL));
    struct timespec short_ts = {0, 20000000};
    RET(aio_getevents(ctx, 1, 1, ev, &short_ts));
    RET(aio_destroy(ctx));
    return 0;
}
