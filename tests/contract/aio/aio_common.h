// SPDX-License-Identifier: MIT
// Raw Linux AIO system calls and the ring header as libaio reads it (no libaio in the images).
#ifndef AIO_COMMON_H
#define AIO_COMMON_H
#include <stdint.h>
#include <sys/syscall.h>

// <linux/aio_abi.h> (musl's headers do not carry it).
typedef unsigned long aio_context_t;
enum { IOCB_CMD_PREAD = 0, IOCB_CMD_PWRITE = 1, IOCB_CMD_FSYNC = 2, IOCB_CMD_FDSYNC = 3, IOCB_CMD_POLL = 5,
       IOCB_CMD_NOOP = 6, IOCB_CMD_PREADV = 7, IOCB_CMD_PWRITEV = 8 };
#define IOCB_FLAG_RESFD 1
struct io_event {
    uint64_t data, obj;
    int64_t res, res2;
};
struct iocb {
    uint64_t aio_data;
    uint32_t aio_key;
    int32_t aio_rw_flags;
    uint16_t aio_lio_opcode;
    int16_t aio_reqprio;
    uint32_t aio_fildes;
    uint64_t aio_buf, aio_nbytes;
    int64_t aio_offset;
    uint64_t aio_reserved2;
    uint32_t aio_flags, aio_resfd;
};

struct ring_hdr {
    unsigned id, nr, head, tail, magic, compat_features, incompat_features, header_length;
};

static inline long aio_setup(unsigned nr, aio_context_t *ctx) { return syscall(SYS_io_setup, nr, ctx); }
static inline long aio_destroy(aio_context_t ctx) { return syscall(SYS_io_destroy, ctx); }
static inline long aio_submit(aio_context_t ctx, long nr, struct iocb **v) { return syscall(SYS_io_submit, ctx, nr, v); }
static inline long aio_cancel(aio_context_t ctx, struct iocb *cb, struct io_event *ev) { return syscall(SYS_io_cancel, ctx, cb, ev); }
static inline long aio_getevents(aio_context_t ctx, long min, long nr, struct io_event *ev, struct timespec *ts)
{
    return syscall(SYS_io_getevents, ctx, min, nr, ev, ts);
}

static inline void aio_prep(struct iocb *cb, int op, int fd, void *buf, unsigned long long n, long long off)
{
    memset(cb, 0, sizeof(*cb));
    cb->aio_lio_opcode = op;
    cb->aio_fildes = fd;
    cb->aio_buf = (unsigned long)buf;
    cb->aio_nbytes = n;
    cb->aio_offset = off;
}
#endif
