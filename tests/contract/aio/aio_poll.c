// SPDX-License-Identifier: MIT
// IOCB_CMD_POLL: completes at once when ready, later when the file becomes ready (also seen through
// IOCB_FLAG_RESFD and the ring tail), io_cancel of a waiting poll, io_destroy with one pending, errors.
#include "contract.h"
#include "aio_common.h"
#include <poll.h>
#include <sys/eventfd.h>

int main(void)
{
    aio_context_t ctx = 0;
    RET(aio_setup(8, &ctx));
    struct ring_hdr *h = (struct ring_hdr *)ctx;
    struct iocb cb, *v[1] = {&cb};
    struct io_event ev[4];
    struct timespec zero = {0, 0};
    int p[2];
    pipe(p);

    // Writable at once.
    aio_prep(&cb, IOCB_CMD_POLL, p[1], (void *)(long)POLLOUT, 0, 0);
    RET(aio_submit(ctx, 1, v));
    RET(aio_getevents(ctx, 1, 1, ev, NULL));
    say("pollout res: %#llx\n", (long long)ev[0].res);
    // Not readable yet: pending until a write.
    aio_prep(&cb, IOCB_CMD_POLL, p[0], (void *)(long)POLLIN, 0, 0);
    cb.aio_data = 5;
    int efd = eventfd(0, 0);
    cb.aio_flags = IOCB_FLAG_RESFD;
    cb.aio_resfd = efd;
    RET(aio_submit(ctx, 1, v));
    RET(aio_getevents(ctx, 0, 1, ev, &zero));
    say("tail moved: %d\n", h->tail != h->head);
    struct timespec ts = {0, 30000000};
    RET(aio_getevents(ctx, 1, 1, ev, &ts));
    RET(write(p[1], "x", 1));
    uint64_t n = 0;
    RET(read(efd, &n, 8));   // blocks until the completion signals it
    say("eventfd: %llu tail moved: %d\n", (unsigned long long)n, h->tail != h->head);
    RET(aio_getevents(ctx, 1, 1, ev, NULL));
    say("pollin res: %#llx data %llu\n", (long long)ev[0].res, (unsigned long long)ev[0].data);
    char c;
    read(p[0], &c, 1);

    // A child writes while the parent waits in io_getevents.
    aio_prep(&cb, IOCB_CMD_POLL, p[0], (void *)(long)POLLIN, 0, 0);
    RET(aio_submit(ctx, 1, v));
    pid_t pid = fork();
    if (pid == 0) {
        ct_msleep(50);
        write(p[1], "y", 1);
        _exit(0);
    }
    RET(aio_getevents(ctx, 1, 1, ev, NULL));
    say("woken res: %#llx\n", (long long)ev[0].res);
    say("child: %s\n", ct_wait(pid));
    read(p[0], &c, 1);

    // Hangup: the write end closed.
    int q[2];
    pipe(q);
    aio_prep(&cb, IOCB_CMD_POLL, q[0], (void *)(long)POLLIN, 0, 0);
    RET(aio_submit(ctx, 1, v));
    close(q[1]);
    RET(aio_getevents(ctx, 1, 1, ev, NULL));
    say("hup res: %#llx\n", (long long)ev[0].res);

    // io_cancel: the event still arrives, with no events.
    aio_prep(&cb, IOCB_CMD_POLL, p[0], (void *)(long)POLLIN, 0, 0);
    RET(aio_submit(ctx, 1, v));
    RET(aio_cancel(ctx, &cb, ev));
    RET(aio_getevents(ctx, 1, 1, ev, NULL));
    say("cancelled res: %lld obj-matches %d\n", (long long)ev[0].res, ev[0].obj == (unsigned long)&cb);
    RET(aio_cancel(ctx, &cb, ev));
    cb.aio_key = 1;
    RET(aio_cancel(ctx, &cb, ev));
    RET(aio_cancel(ctx, (struct iocb *)8, ev));
    cb.aio_key = 0;
    RET(aio_cancel(0, &cb, ev));
    // A completed read cannot be cancelled.
    int fd = open("f", O_RDWR | O_CREAT, 0644);
    char buf[4];
    aio_prep(&cb, IOCB_CMD_PREAD, fd, buf, 1, 0);
    RET(aio_submit(ctx, 1, v));
    RET(aio_cancel(ctx, &cb, ev));
    RET(aio_getevents(ctx, 1, 1, ev, NULL));

    // Poll of a regular file: ready at once.
    aio_prep(&cb, IOCB_CMD_POLL, fd, (void *)(long)(POLLIN | POLLOUT), 0, 0);
    RET(aio_submit(ctx, 1, v));
    RET(aio_getevents(ctx, 1, 1, ev, NULL));
    say("regular res: %#llx\n", (long long)ev[0].res);

    // Errors.
    aio_prep(&cb, IOCB_CMD_POLL, p[0], (void *)0x10000l, 0, 0);
    RET(aio_submit(ctx, 1, v));
    aio_prep(&cb, IOCB_CMD_POLL, p[0], (void *)(long)POLLIN, 1, 0);
    RET(aio_submit(ctx, 1, v));
    aio_prep(&cb, IOCB_CMD_POLL, p[0], (void *)(long)POLLIN, 0, 1);
    RET(aio_submit(ctx, 1, v));

    // io_destroy with a poll pending: the eventfd still hears of it.
    aio_prep(&cb, IOCB_CMD_POLL, p[0], (void *)(long)POLLIN, 0, 0);
    cb.aio_flags = IOCB_FLAG_RESFD;
    cb.aio_resfd = efd;
    RET(aio_submit(ctx, 1, v));
    RET(aio_destroy(ctx));
    RET(read(efd, &n, 8));
    say("eventfd after destroy: %llu\n", (unsigned long long)n);
    RET(aio_getevents(ctx, 0, 1, ev, &zero));
    return 0;
}
