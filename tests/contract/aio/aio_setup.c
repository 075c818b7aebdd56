// SPDX-License-Identifier: MIT
// io_setup/io_destroy: the ring header libaio reads, aio-nr accounting, the [aio] mapping, errors.
#include "contract.h"
#include "aio_common.h"
#include <sys/mman.h>

static long read_long(const char *path)
{
    char b[64] = {0};
    if (ct_read_file(path, b, sizeof b - 1) < 0) return -1;
    return atol(b);
}

static int maps_has_aio(void)
{
    char b[16384] = {0};
    ct_read_file("/proc/self/maps", b, sizeof b - 1);
    return strstr(b, "/[aio] (deleted)") != NULL;
}

int main(void)
{
    say("aio-max-nr: %ld\n", read_long("/proc/sys/fs/aio-max-nr"));
    long nr0 = read_long("/proc/sys/fs/aio-nr");
    aio_context_t ctx = 0;
    RET(aio_setup(0, &ctx));
    ctx = 1;
    RET(aio_setup(8, &ctx));
    RET(aio_setup(8, (aio_context_t *)1));
    RET(aio_setup(0x500000, &(aio_context_t){0}));
    RET(aio_setup(100000, &(aio_context_t){0}));
    ctx = 0;
    RET(aio_setup(100, &ctx));
    say("aio-nr grew by: %ld\n", read_long("/proc/sys/fs/aio-nr") - nr0);
    struct ring_hdr *h = (struct ring_hdr *)ctx;
    say("magic: %x compat %u incompat %u header_length %u\n", h->magic, h->compat_features, h->incompat_features,
        h->header_length);
    say("id: %u head %u tail %u\n", h->id, h->head, h->tail);
    say("nr: %u\n", h->nr);
    say("maps shows [aio]: %d\n", maps_has_aio());
    aio_context_t ctx2 = 0;
    RET(aio_setup(1, &ctx2));
    say("second id: %u nr %u\n", ((struct ring_hdr *)ctx2)->id, ((struct ring_hdr *)ctx2)->nr);
    say("aio-nr grew by: %ld\n", read_long("/proc/sys/fs/aio-nr") - nr0);
    RET(aio_destroy(ctx));
    RET(aio_destroy(ctx));
    say("aio-nr grew by: %ld\n", read_long("/proc/sys/fs/aio-nr") - nr0);
    RET(aio_destroy(0));
    RET(aio_destroy(12345));
    aio_context_t ctx3 = 0;
    RET(aio_setup(1, &ctx3));
    say("slot reused: %u\n", ((struct ring_hdr *)ctx3)->id);
    // The ring is a shared mapping of one page or more: unmapping it makes the context unreachable.
    RET(munmap((void *)ctx3, 4096));
    RET(aio_destroy(ctx3));
    // A fork child has no contexts: the same address means nothing there.
    pid_t p = fork();
    if (p == 0) _exit(aio_destroy(ctx2) == -1 && errno == EINVAL ? 0 : 1);
    say("child: %s\n", ct_wait(p));
    RET(aio_destroy(ctx2));
    // The limit: a reservation above aio-max-nr fails.
    RET(ct_write_file("/proc/sys/fs/aio-max-nr", "10\n", 0));
    say("aio-max-nr now: %ld\n", read_long("/proc/sys/fs/aio-max-nr"));
    ctx = 0;
    RET(aio_setup(11, &ctx));
    RET(aio_setup(10, &ctx));
    RET(aio_destroy(ctx));
    ct_write_file("/proc/sys/fs/aio-max-nr", "65536\n", 0);
    // exit releases what the process still holds.
    p = fork();
    if (p == 0) {
        aio_context_t c = 0;
        _exit(aio_setup(50, &c) == 0 ? 0 : 1);
    }
    say("child: %s\n", ct_wait(p));
    say("aio-nr back: %ld\n", read_long("/proc/sys/fs/aio-nr") - nr0);
    return 0;
}
