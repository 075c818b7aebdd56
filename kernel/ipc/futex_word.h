// SPDX-License-Identifier: MIT
// The pure arithmetic of futexes, shared by the kernel and the host tests: futex keys and their
// hash, the FUTEX_WAKE_OP encoding, the PI user-word protocol and the robust-list walk with
// Linux's limits. Nothing here touches user memory directly: the walk takes a reader.
#pragma once

#include "lib/types.h"

// Linux's bits of the futex word and of the op argument (linux/futex.h), repeated here only as
// the host build cannot include the UAPI through abi/ (static_asserts in futex.cpp tie them).
constexpr u32 kFutexWaiters = 0x80000000u;
constexpr u32 kFutexOwnerDied = 0x40000000u;
constexpr u32 kFutexTidMask = 0x3fffffffu;
constexpr u32 kFutexBitsetAny = 0xffffffffu;
constexpr int kFutexPrivateFlag = 128;
constexpr int kFutexClockRealtime = 256;
constexpr usize kRobustListLimit = 2048;   // Linux's ROBUST_LIST_LIMIT

// Where a futex lives. Private futexes are (address space, address); a shared futex in private
// anonymous memory is the same pair with another kind (Linux's FUT_OFF_MMSHARED: it never meets
// a private futex on the same address); a shared futex in a shared mapping is (object, offset),
// so every process mapping the same page meets there.
struct FutexKey {
    enum Kind : u8 { None = 0, Private = 1, MmShared = 2, Object = 3 };
    u8 kind = None;
    uptr base = 0;     // AddressSpace* or VmObject*
    u64 offset = 0;    // user address, or byte offset in the object
    bool operator==(const FutexKey&) const = default;
};
u32 futex_key_hash(const FutexKey& k);

// The command part of a futex op and which flags it accepts (Linux's do_futex and
// futex_cmd_has_timeout). Unknown commands are ENOSYS.
struct FutexOp {
    int cmd;
    bool shared;
    bool clock_realtime;
};
FutexOp futex_decode_op(int op);
bool futex_cmd_has_timeout(int cmd);
// FUTEX_CLOCK_REALTIME is accepted only by these commands (ENOSYS otherwise).
bool futex_cmd_allows_realtime(int cmd);

// FUTEX_WAKE_OP: the encoded op applied to the old value of uaddr2 gives the new value, and the
// comparison decides whether waiters of uaddr2 are woken too.
struct WakeOp {
    u32 op;       // FUTEX_OP_SET..XOR; other values are ENOSYS
    u32 cmp;      // FUTEX_OP_CMP_EQ..GE; other values are ENOSYS (after the op was applied)
    i32 oparg;    // after the OPARG_SHIFT transformation
    i32 cmparg;
};
WakeOp wake_op_decode(u32 encoded);
// false when the op is unknown (ENOSYS, memory untouched).
bool wake_op_apply(const WakeOp& w, u32 old, u32& out);
// 1 = wake the second futex's waiters, 0 = don't, -1 = unknown comparison (ENOSYS).
int wake_op_compare(const WakeOp& w, u32 old);

// PI user-word transitions (the word holds the owner's TID plus FUTEX_WAITERS/OWNER_DIED).
// Value that takes a free lock (TID 0) for tid, keeping OWNER_DIED.
inline u32 pi_take_free(u32 uval, u32 tid, bool set_waiters) {
    return (uval & kFutexOwnerDied) | tid | (set_waiters ? kFutexWaiters : 0);
}
// Value written by a handoff to the next owner: the WAITERS bit always stays while the kernel
// has PI state; OWNER_DIED is kept when the previous owner died.
inline u32 pi_handoff_value(u32 uval, u32 new_tid, bool owner_died) {
    return (owner_died ? (uval & kFutexOwnerDied) | kFutexOwnerDied : 0) | kFutexWaiters | new_tid;
}
// Value a robust futex gets when its owner dies (Linux's handle_futex_death).
inline u32 robust_death_value(u32 uval) { return (uval & kFutexWaiters) | kFutexOwnerDied; }

// The robust list: a user-space ring of entries, each `futex_offset` bytes before its futex
// word; bit 0 of a pointer marks a PI futex; list_op_pending names a lock being taken or
// released. read(addr, out) reads a user u64 (false on a fault); death(uaddr, pi, pending)
// handles one futex and returns false to stop the walk (as Linux's handle_futex_death < 0).
// At most kRobustListLimit entries are visited, which also ends circular lists.
template <typename Read, typename Death>
void robust_list_walk(uptr head, Read read, Death death) {
    u64 raw;
    if (!read(head, raw)) return;   // head->list.next
    uptr entry = raw & ~1ull;
    bool pi = raw & 1;
    u64 futex_offset;
    if (!read(head + 8, futex_offset)) return;
    u64 raw_pending;
    if (!read(head + 16, raw_pending)) return;
    uptr pending = raw_pending & ~1ull;
    bool pending_pi = raw_pending & 1;
    usize limit = kRobustListLimit;
    while (entry != head) {
        u64 next_raw = 0;
        bool ok = read(entry, next_raw);
        // A pending lock may also be on the list: handle it once, after the walk.
        if (entry != pending && !death(entry + futex_offset, pi, false)) return;
        if (!ok) return;
        entry = next_raw & ~1ull;
        pi = next_raw & 1;
        if (!--limit) break;
    }
    if (pending) death(pending + futex_offset, pending_pi, true);
}
