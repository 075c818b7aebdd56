// SPDX-License-Identifier: MIT
// adjtimex and clock_adjtime (man 2 adjtimex; linux: kernel/time/ntp.c, timekeeping.c
// do_adjtimex). The NTP state is kept and reported as Linux keeps it: TIME_ERROR with STA_UNSYNC
// and both error bounds at NTP_PHASE_LIMIT after boot, tick 10000, tolerance 32768000, PPS
// fields zero. ADJ_SETOFFSET steps CLOCK_REALTIME. LINUX-DIVERGENCE: the clock does not run
// faster or slower for ADJ_FREQUENCY, ADJ_TICK, a PLL offset or adjtime()'s slew, and those
// values do not decay with time as Linux's second_overflow() makes them; ADJ_TAI is kept and
// reported but CLOCK_TAI stays CLOCK_REALTIME.
#include "abi/linux/uapi.h"
#include "core/credentials.h"
#include "core/time.h"
#include "sync/spinlock.h"
#include "syscalls/handlers.h"

namespace {

// linux: include/linux/timex.h (not UAPI).
constexpr u32 kAdjAdjtime = 0x8000;        // ADJ_ADJTIME: adjtime(3)'s single-shot offset
constexpr u32 kAdjOffsetReadonly = 0x2000;  // ADJ_OFFSET_READONLY
constexpr int kNtpScaleShift = 32;
constexpr int kShiftUsec = 16;
constexpr i64 kPpmScale = 1000ll << (kNtpScaleShift - kShiftUsec);
constexpr int kPpmScaleInvShift = 19;
constexpr i64 kPpmScaleInv = (1ll << (kPpmScaleInvShift + kNtpScaleShift)) / kPpmScale + 1;
constexpr i64 kMaxPhase = 500000000;   // ns
constexpr i64 kMaxFreq = 500000;       // ns/s
constexpr i64 kMaxFreqScaled = kMaxFreq << kNtpScaleShift;
constexpr i64 kNtpPhaseLimit = (kMaxPhase / 1000) << 5;
constexpr i64 kMaxTc = 10;
constexpr i64 kMaxTaiOffset = 100000;
constexpr i64 kUserHz = 100;
constexpr i64 kHz = 250;   // NTP_INTERVAL_FREQ of the oracle's CONFIG_HZ

struct NtpState {
    int state = TIME_OK;
    int status = STA_UNSYNC;
    i64 maxerror = kNtpPhaseLimit;
    i64 esterror = kNtpPhaseLimit;
    i64 constant = 2;
    i64 freq = 0;     // ns/s << 32
    i64 offset = 0;   // ns << 32 per tick interval
    i64 tick_usec = (1000000 + kUserHz / 2) / kUserHz;
    i64 adjust = 0;   // adjtime(), us
    int tai = 0;
};

constinit NtpState g_ntp;
constinit Spinlock g_ntp_lock{LockRank::Clock, "ntp"};

i64 bounded(i64 v, i64 lo, i64 hi) { return min(max(v, lo), hi); }

i64 shift_right(i64 v, int s) { return v < 0 ? -((-v) >> s) : v >> s; }

// linux: is_error_status().
bool is_error_status(int st) {
    return (st & (STA_UNSYNC | STA_CLOCKERR)) || ((st & (STA_PPSFREQ | STA_PPSTIME)) && !(st & STA_PPSSIGNAL)) ||
           ((st & (STA_PPSTIME | STA_PPSJITTER)) == (STA_PPSTIME | STA_PPSJITTER)) ||
           ((st & STA_PPSFREQ) && (st & (STA_PPSWANDER | STA_PPSERROR)));
}

// linux: timekeeping_validate_timex().
Result<void> validate(const __kernel_timex& tx) {
    if (tx.modes & kAdjAdjtime) {
        if (!(tx.modes & ADJ_OFFSET)) return Error(EINVAL);   // the kernel's ADJ_OFFSET_SINGLESHOT is bit 0
        if (!(tx.modes & kAdjOffsetReadonly) && !capable(CAP_SYS_TIME)) return Error(EPERM);
    } else {
        if (tx.modes && !capable(CAP_SYS_TIME)) return Error(EPERM);
        if ((tx.modes & ADJ_TICK) && (tx.tick < 900000 / kUserHz || tx.tick > 1100000 / kUserHz)) return Error(EINVAL);
    }
    if (tx.modes & ADJ_SETOFFSET) {
        if (!capable(CAP_SYS_TIME)) return Error(EPERM);
        if (tx.time.tv_usec < 0) return Error(EINVAL);
        if (tx.time.tv_usec >= ((tx.modes & ADJ_NANO) ? 1000000000 : 1000000)) return Error(EINVAL);
    }
    if ((tx.modes & ADJ_FREQUENCY) && (INT64_MIN / kPpmScale > tx.freq || INT64_MAX / kPpmScale < tx.freq))
        return Error(EINVAL);
    return {};
}

// linux: ntp_update_offset(): only with STA_PLL; the phase is clamped and kept per tick.
void update_offset(NtpState& n, i64 offset) {
    if (!(n.status & STA_PLL)) return;
    if (!(n.status & STA_NANO)) offset = bounded(offset, -1000000, 1000000) * 1000;
    offset = bounded(offset, -kMaxPhase, kMaxPhase);
    n.offset = (offset << kNtpScaleShift) / kHz;
}

// linux: process_adj_status() and process_adjtimex_modes().
void apply_modes(NtpState& n, const __kernel_timex& tx) {
    if (tx.modes & ADJ_STATUS) {
        if ((n.status & STA_PLL) && !(tx.status & STA_PLL)) {
            n.state = TIME_OK;
            n.status = STA_UNSYNC;
        }
        n.status &= STA_RONLY;
        n.status |= tx.status & ~STA_RONLY;
    }
    if (tx.modes & ADJ_NANO) n.status |= STA_NANO;
    if (tx.modes & ADJ_MICRO) n.status &= ~STA_NANO;
    if (tx.modes & ADJ_FREQUENCY) n.freq = bounded(tx.freq * kPpmScale, -kMaxFreqScaled, kMaxFreqScaled);
    if (tx.modes & ADJ_MAXERROR) n.maxerror = tx.maxerror;
    if (tx.modes & ADJ_ESTERROR) n.esterror = tx.esterror;
    if (tx.modes & ADJ_TIMECONST) {
        n.constant = bounded(tx.constant, 0, kMaxTc);
        if (!(n.status & STA_NANO)) n.constant += 4;
        n.constant = bounded(n.constant, 0, kMaxTc);
    }
    if ((tx.modes & ADJ_TAI) && tx.constant >= 0 && tx.constant <= kMaxTaiOffset) n.tai = static_cast<int>(tx.constant);
    if (tx.modes & ADJ_OFFSET) update_offset(n, tx.offset);
    if (tx.modes & ADJ_TICK) n.tick_usec = tx.tick;
}

// linux: do_adjtimex() + __do_adjtimex(): applies tx's modes and fills tx with the state.
Result<int> do_adjtimex(__kernel_timex& tx) {
    TRY(validate(tx));
    if (tx.modes & ADJ_SETOFFSET) {
        i64 nsec = tx.time.tv_usec * ((tx.modes & ADJ_NANO) ? 1 : 1000);
        Timespec now = realtime_now();
        Timespec t{now.sec + tx.time.tv_sec, now.nsec + nsec};
        if (t.nsec >= 1000000000) {
            t.sec++;
            t.nsec -= 1000000000;
        }
        TRY(realtime_set(t));
    }
    Timespec now = realtime_now();
    SpinlockGuard g(g_ntp_lock);
    NtpState& n = g_ntp;
    if (tx.modes & kAdjAdjtime) {
        i64 saved = n.adjust;
        if (!(tx.modes & kAdjOffsetReadonly)) n.adjust = tx.offset;
        tx.offset = saved;
    } else {
        if (tx.modes) apply_modes(n, tx);
        tx.offset = shift_right(n.offset * kHz, kNtpScaleShift);
        if (!(n.status & STA_NANO)) tx.offset = static_cast<u32>(tx.offset) / 1000;
    }
    int result = is_error_status(n.status) ? TIME_ERROR : n.state;
    tx.freq = shift_right((n.freq >> kPpmScaleInvShift) * kPpmScaleInv, kNtpScaleShift);
    tx.maxerror = n.maxerror;
    tx.esterror = n.esterror;
    tx.status = n.status;
    tx.constant = n.constant;
    tx.precision = 1;
    tx.tolerance = kMaxFreqScaled / kPpmScale;
    tx.tick = n.tick_usec;
    tx.tai = n.tai;
    tx.ppsfreq = tx.jitter = tx.stabil = tx.jitcnt = tx.calcnt = tx.errcnt = tx.stbcnt = 0;
    tx.shift = 0;
    tx.time.tv_sec = now.sec;
    tx.time.tv_usec = (n.status & STA_NANO) ? now.nsec : now.nsec / 1000;
    return result;
}

}  // namespace

SyscallResult sys_adjtimex(UserPtr<void> utx) {
    __kernel_timex tx;
    TRY(copy_from_user(&tx, utx.addr(), sizeof(tx)));
    int r = TRY(do_adjtimex(tx));
    TRY(copy_to_user(utx.addr(), &tx, sizeof(tx)));
    return r;
}

// linux: do_clock_adjtime(): only CLOCK_REALTIME adjusts; other known clocks (and CPU-time
// clocks) are EOPNOTSUPP, unknown ones and descriptor clocks (none exist here) EINVAL.
SyscallResult sys_clock_adjtime(int clock, UserPtr<void> utx) {
    __kernel_timex tx;
    TRY(copy_from_user(&tx, utx.addr(), sizeof(tx)));
    constexpr int kClockFdMask = 7, kClockFd = 3;
    if (clock < 0) return Error((clock & kClockFdMask) == kClockFd ? EINVAL : EOPNOTSUPP);
    if (clock > CLOCK_TAI || clock == 10) return Error(EINVAL);   // 10: the removed CLOCK_SGI_CYCLE
    if (clock != CLOCK_REALTIME) return Error(EOPNOTSUPP);
    int r = TRY(do_adjtimex(tx));
    TRY(copy_to_user(utx.addr(), &tx, sizeof(tx)));
    return r;
}
