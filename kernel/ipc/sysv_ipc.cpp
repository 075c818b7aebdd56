// SPDX-License-Identifier: MIT
// The id table and permission checks shared by System V shared memory, semaphores and queues.
#include "ipc/sysv_ipc.h"

#include "core/time.h"

IpcPerm* IpcIds::find_key(int key) {
    for (int i = 0; i < kIpcSlots; i++)
        if (m_slots[i] && m_slots[i]->key == key) return m_slots[i];
    return nullptr;
}

IpcPerm* IpcIds::find_id(int id) {
    if (id < 0) return nullptr;
    IpcPerm* p = find_index(id % kIpcMni);
    return p && p->seq == static_cast<u32>(id / kIpcMni) ? p : nullptr;
}

Result<void> IpcIds::add(IpcPerm& p) {
    if (m_in_use >= kIpcSlots) return Error(ENOSPC);
    // As idr_alloc_cyclic: the next free index after the last one handed out; wrapping to a lower
    // index bumps the sequence so that ids of removed objects stay stale for a long time.
    int idx = m_last_index + 1;
    for (int n = 0; n < kIpcSlots; n++, idx++) {
        if (idx >= kIpcSlots) idx = 0;
        if (!m_slots[idx]) break;
    }
    if (idx <= m_last_index) m_seq = (m_seq + 1) % (0x7fffffff / kIpcMni);
    m_last_index = idx;
    p.index = idx;
    p.seq = m_seq;
    m_slots[idx] = &p;
    m_in_use++;
    return {};
}

void IpcIds::remove(IpcPerm& p) {
    if (p.index < 0 || m_slots[p.index] != &p) return;
    m_slots[p.index] = nullptr;
    m_in_use--;
}

int IpcIds::max_index() const {
    for (int i = kIpcSlots - 1; i >= 0; i--)
        if (m_slots[i]) return i;
    return -1;
}

namespace {
bool in_egroup(const Credentials& c, u32 g) {
    if (g == c.egid) return true;
    for (usize i = 0; i < c.group_count; i++)
        if (c.groups[i] == g) return true;
    return false;
}
}  // namespace

bool ipc_permitted(const Credentials& c, const IpcPerm& p, u32 flag) {
    u32 requested = (flag >> 6) | (flag >> 3) | flag;
    u32 granted = p.mode;
    if (c.euid == p.cuid || c.euid == p.uid)
        granted >>= 6;
    else if (in_egroup(c, p.cgid) || in_egroup(c, p.gid))
        granted >>= 3;
    return !(requested & ~granted & 07) || c.has_cap(CAP_IPC_OWNER);
}

bool ipc_is_owner(const Credentials& c, const IpcPerm& p) {
    return c.euid == p.cuid || c.euid == p.uid || c.has_cap(CAP_SYS_ADMIN);
}

void ipc_init_perm(IpcPerm& p, const Credentials& c, int key, int flg) {
    p.key = key;
    p.uid = p.cuid = c.euid;
    p.gid = p.cgid = c.egid;
    p.mode = static_cast<u32>(flg) & 0777;
}

void ipc_fill_perm64(const IpcPerm& p, ipc64_perm& out) {
    out = {};
    out.key = p.key;
    out.uid = p.uid;
    out.gid = p.gid;
    out.cuid = p.cuid;
    out.cgid = p.cgid;
    out.mode = static_cast<decltype(out.mode)>(p.mode);
    out.seq = static_cast<decltype(out.seq)>(p.seq);
}

void ipc_set_perm(IpcPerm& p, const ipc64_perm& in) {
    p.uid = in.uid;
    p.gid = in.gid;
    p.mode = (p.mode & ~0777u) | (in.mode & 0777u);
}

i64 ipc_now() { return realtime_now().sec; }
