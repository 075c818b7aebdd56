// SPDX-License-Identifier: MIT
#include "ipc/futex_word.h"

u32 futex_key_hash(const FutexKey& k) {
    // 64-bit mix (splitmix64 finaliser) of the three fields: keys of one page spread out.
    u64 x = k.base ^ (k.offset * 0x9e3779b97f4a7c15ull) ^ (static_cast<u64>(k.kind) << 59);
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ull;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebull;
    x ^= x >> 31;
    return static_cast<u32>(x);
}

FutexOp futex_decode_op(int op) {
    return FutexOp{op & ~(kFutexPrivateFlag | kFutexClockRealtime), !(op & kFutexPrivateFlag),
                   (op & kFutexClockRealtime) != 0};
}

// Command numbers as linux/futex.h.
namespace {
constexpr int kWait = 0, kLockPi = 6, kWaitBitset = 9, kWaitRequeuePi = 11, kLockPi2 = 13;
}

bool futex_cmd_has_timeout(int cmd) {
    return cmd == kWait || cmd == kLockPi || cmd == kLockPi2 || cmd == kWaitBitset || cmd == kWaitRequeuePi;
}

bool futex_cmd_allows_realtime(int cmd) { return cmd == kWaitBitset || cmd == kWaitRequeuePi || cmd == kLockPi2; }

namespace {
i32 sign_extend12(u32 v) { return static_cast<i32>(v << 20) >> 20; }
}

WakeOp wake_op_decode(u32 encoded) {
    WakeOp w;
    w.op = (encoded & 0x70000000u) >> 28;
    w.cmp = (encoded & 0x0f000000u) >> 24;
    w.oparg = sign_extend12((encoded & 0x00fff000u) >> 12);
    w.cmparg = sign_extend12(encoded & 0x00000fffu);
    if (encoded & 0x80000000u) {   // FUTEX_OP_OPARG_SHIFT: Linux masks a bad shift to 0..31
        w.oparg = static_cast<i32>(1u << (static_cast<u32>(w.oparg) & 31));
    }
    return w;
}

bool wake_op_apply(const WakeOp& w, u32 old, u32& out) {
    u32 arg = static_cast<u32>(w.oparg);
    switch (w.op) {
    case 0: out = arg; return true;                  // SET
    case 1: out = old + arg; return true;            // ADD
    case 2: out = old | arg; return true;            // OR
    case 3: out = old & ~arg; return true;           // ANDN
    case 4: out = old ^ arg; return true;            // XOR
    default: return false;
    }
}

int wake_op_compare(const WakeOp& w, u32 old) {
    i32 v = static_cast<i32>(old);
    switch (w.cmp) {
    case 0: return v == w.cmparg;
    case 1: return v != w.cmparg;
    case 2: return v < w.cmparg;
    case 3: return v <= w.cmparg;
    case 4: return v > w.cmparg;
    case 5: return v >= w.cmparg;
    default: return -1;
    }
}
