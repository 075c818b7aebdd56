// SPDX-License-Identifier: MIT
// adjtimex/clock_adjtime: the NTP state after boot, setting and reading back frequency, tick, status,
// time constant, TAI offset, resolution; ADJ_SETOFFSET steps CLOCK_REALTIME; EINVAL/EFAULT/EPERM and
// the clocks clock_adjtime refuses. Everything changed is put back.
#include "contract.h"
#include <sys/syscall.h>
#include <sys/timex.h>

#ifndef ADJ_TAI
#define ADJ_TAI 0x0080
#endif
#ifndef ADJ_SETOFFSET
#define ADJ_SETOFFSET 0x0100
#endif
#ifndef ADJ_MICRO
#define ADJ_MICRO 0x1000
#endif
#ifndef ADJ_NANO
#define ADJ_NANO 0x2000
#endif
#ifndef STA_NANO
#define STA_NANO 0x2000
#endif

static long adj(struct timex *t) { return syscall(SYS_adjtimex, t); }
static long cadj(int clk, struct timex *t) { return syscall(SYS_clock_adjtime, clk, t); }

static long set(unsigned modes, struct timex *t)
{
    t->modes = modes;
    return adj(t);
}

static void dump(const char *what, long r, struct timex *t)
{
    say("%s: ret %ld offset %ld freq %ld maxerror %ld esterror %ld status %#x constant %ld\n", what, r, (long)t->offset,
        (long)t->freq, (long)t->maxerror, (long)t->esterror, t->status, (long)t->constant);
    say("  precision %ld tolerance %ld tick %ld tai %d pps %ld %ld %d %ld %ld %ld %ld %ld\n", (long)t->precision,
        (long)t->tolerance, (long)t->tick, t->tai, (long)t->ppsfreq, (long)t->jitter, t->shift, (long)t->stabil,
        (long)t->jitcnt, (long)t->calcnt, (long)t->errcnt, (long)t->stbcnt);
}

static double now_real(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(void)
{
    struct timex t = {0};
    long r = adj(&t);
    dump("boot", r, &t);
    say("time is now: %d\n", t.time.tv_sec > 1000000 && t.time.tv_usec >= 0 && t.time.tv_usec < 1000000);

    // Frequency: scaled ppm (16-bit fraction), clamped at 500 ppm.
    memset(&t, 0, sizeof t);
    t.freq = 10 << 16;
    r = set(ADJ_FREQUENCY, &t);
    say("freq 10ppm: ret %ld freq %ld\n", r, (long)t.freq);
    t.freq = -(3 << 16) - 12345;
    r = set(ADJ_FREQUENCY, &t);
    say("freq -3.2ppm: ret %ld freq %ld\n", r, (long)t.freq);
    t.freq = 1000L << 16;
    r = set(ADJ_FREQUENCY, &t);
    say("freq 1000ppm: ret %ld freq %ld\n", r, (long)t.freq);
    t.freq = 0x7fffffffffffffffL;
    RET(set(ADJ_FREQUENCY, &t));
    t.freq = 0;
    set(ADJ_FREQUENCY, &t);

    // Tick: 10% either way.
    t.tick = 8999;
    RET(set(ADJ_TICK, &t));
    t.tick = 11001;
    RET(set(ADJ_TICK, &t));
    t.tick = 9000;
    r = set(ADJ_TICK, &t);
    say("tick 9000: ret %ld tick %ld\n", r, (long)t.tick);
    t.tick = 10000;
    set(ADJ_TICK, &t);

    // Status: read-only bits are kept, synchronised clears TIME_ERROR.
    t.status = STA_UNSYNC | STA_FREQHOLD | STA_CLOCKERR | STA_NANO;
    r = set(ADJ_STATUS, &t);
    say("status: ret %ld status %#x\n", r, t.status);
    t.status = 0;
    t.maxerror = 0;
    r = set(ADJ_STATUS | ADJ_MAXERROR, &t);
    say("synchronised: ret %ld status %#x\n", r, t.status);
    t.status = STA_CLOCKERR;
    r = set(ADJ_STATUS, &t);
    say("clockerr not settable: ret %ld status %#x\n", r, t.status);
    t.status = STA_UNSYNC;
    t.maxerror = 16000000;
    t.esterror = 1234;
    r = set(ADJ_STATUS | ADJ_MAXERROR | ADJ_ESTERROR, &t);
    say("unsynchronised: ret %ld status %#x maxerror %ld esterror %ld\n", r, t.status, (long)t.maxerror, (long)t.esterror);
    t.esterror = 16000000;
    set(ADJ_ESTERROR, &t);

    // Offset: without STA_PLL it changes nothing.
    t.offset = 5000;
    r = set(ADJ_OFFSET, &t);
    say("offset: ret %ld offset %ld\n", r, (long)t.offset);

    // Time constant: +4 in microsecond mode, clamped to 0..10.
    t.constant = 3;
    r = set(ADJ_TIMECONST, &t);
    say("constant 3: %ld\n", (long)t.constant);
    t.constant = 20;
    set(ADJ_TIMECONST, &t);
    say("constant 20: %ld\n", (long)t.constant);
    t.constant = -9;
    set(ADJ_TIMECONST, &t);
    say("constant -9: %ld\n", (long)t.constant);
    r = set(ADJ_NANO, &t);
    say("nano: ret %ld status %#x usec-field-in-ns %d\n", r, t.status, t.status & STA_NANO ? 1 : 0);
    t.constant = 3;
    set(ADJ_TIMECONST, &t);
    say("constant 3 in nano mode: %ld\n", (long)t.constant);
    r = set(ADJ_MICRO, &t);
    say("micro: status %#x\n", t.status);
    t.constant = 2;
    set(ADJ_NANO | ADJ_TIMECONST, &t);
    set(ADJ_MICRO, &t);
    say("constant back: %ld status %#x\n", (long)t.constant, t.status);

    // TAI offset.
    t.constant = 37;
    set(ADJ_TAI, &t);
    say("tai: %d\n", t.tai);
    t.constant = -1;
    set(ADJ_TAI, &t);
    say("tai after -1: %d\n", t.tai);
    t.constant = 0;
    set(ADJ_TAI, &t);
    say("tai back: %d\n", t.tai);

    // adjtime()'s single-shot offset: read-only mode and an unset one.
    memset(&t, 0, sizeof t);
    r = set(ADJ_OFFSET_SS_READ, &t);
    say("ss read: ret %ld offset %ld\n", r, (long)t.offset);
    RET(set(0x8000, &t));

    // ADJ_SETOFFSET steps the wall clock.
    double before = now_real();
    memset(&t, 0, sizeof t);
    t.time.tv_sec = 1000;
    t.time.tv_usec = 500000;
    RET(set(ADJ_SETOFFSET, &t));
    double step = now_real() - before;
    say("stepped ~1000.5 s: %d\n", step >= 1000.5 && step < 1010);
    t.time.tv_sec = -1001;
    t.time.tv_usec = 500000;
    RET(set(ADJ_SETOFFSET, &t));
    step = now_real() - before;
    say("back: %d\n", step >= 0 && step < 10);
    t.time.tv_sec = 0;
    t.time.tv_usec = 1000000;
    RET(set(ADJ_SETOFFSET, &t));
    t.time.tv_usec = -1;
    RET(set(ADJ_SETOFFSET, &t));
    t.time.tv_usec = 1000000000;
    RET(set(ADJ_SETOFFSET | ADJ_NANO, &t));
    t.time.tv_sec = -4000000000L;
    t.time.tv_usec = 0;
    RET(set(ADJ_SETOFFSET, &t));

    // Bad pointers.
    RET(adj(NULL));
    RET(adj((struct timex *)8));
    RET(cadj(CLOCK_REALTIME, NULL));

    // clock_adjtime: only CLOCK_REALTIME.
    memset(&t, 0, sizeof t);
    r = cadj(CLOCK_REALTIME, &t);
    say("clock_adjtime realtime: ret %ld tick %ld\n", r, (long)t.tick);
    RET(cadj(CLOCK_MONOTONIC, &t));
    RET(cadj(CLOCK_BOOTTIME, &t));
    RET(cadj(CLOCK_TAI, &t));
    RET(cadj(CLOCK_PROCESS_CPUTIME_ID, &t));
    RET(cadj(10, &t));
    RET(cadj(12, &t));
    RET(cadj(1000, &t));
    RET(cadj(-6, &t));            // this process's CPU clock
    RET(cadj((~0 << 3) | 3, &t));  // the clock of descriptor 0 (not a clock)

    // Without CAP_SYS_TIME: reading is fine, changing is EPERM.
    pid_t p = fork();
    if (p == 0) {
        ct_become_user();
        struct timex u = {0};
        int ok = adj(&u) == TIME_ERROR;
        u.modes = ADJ_FREQUENCY;
        ok = ok && adj(&u) == -1 && errno == EPERM;
        u.modes = ADJ_TICK;
        u.tick = 1;
        ok = ok && adj(&u) == -1 && errno == EPERM;
        u.modes = ADJ_OFFSET_SS_READ;
        ok = ok && adj(&u) == TIME_ERROR;
        u.modes = ADJ_OFFSET_SINGLESHOT;
        ok = ok && adj(&u) == -1 && errno == EPERM;
        u.modes = ADJ_SETOFFSET;
        ok = ok && adj(&u) == -1 && errno == EPERM;
        u.modes = 0;
        ok = ok && cadj(CLOCK_REALTIME, &u) == TIME_ERROR;
        u.modes = ADJ_STATUS;
        ok = ok && cadj(CLOCK_REALTIME, &u) == -1 && errno == EPERM;
        _exit(ok ? 0 : 1);
    }
    say("unprivileged: %s\n", ct_wait(p));

    memset(&t, 0, sizeof t);
    r = adj(&t);
    dump("end", r, &t);
    return 0;
}
