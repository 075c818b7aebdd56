// SPDX-License-Identifier: MIT
// What the three System V IPC kinds share (each IPC namespace has its own tables: ipc_namespace.h): the
// permission block, the id table (id = seq * 32768 + index, indices handed out cyclically and the
// sequence bumped on each wrap so a stale id misses), the ipcperms and owner checks, and the
// get-or-create logic behind shmget/semget/msgget.
#pragma once

#include "abi/linux/uapi.h"
#include "core/credentials.h"
#include "lib/result.h"

constexpr int kIpcMni = 32768;       // Linux's IPCMNI: ids are seq * kIpcMni + index
// Linux values the UAPI headers do not carry: the permission groups (include/linux/stat.h), the
// kernel-only shm mode flags (include/linux/shm.h) and x86's SHMLBA (one page).
constexpr u32 S_IRUGO = S_IRUSR | S_IRGRP | S_IROTH;
constexpr u32 S_IWUGO = S_IWUSR | S_IWGRP | S_IWOTH;
constexpr u32 S_IXUGO = S_IXUSR | S_IXGRP | S_IXOTH;
constexpr u32 SHM_DEST = 01000;
constexpr u32 SHM_LOCKED = 02000;
constexpr u64 SHMLBA = 4096;
constexpr u64 kShmMaxDefault = ~0ul - (1ul << 24);   // SHMMAX and SHMALL: ULONG_MAX - (1UL << 24)
constexpr int kIpcSlots = 4096;      // indices per kind (SHMMNI; enough for sem and msg too)

struct IpcPerm {
    int key = 0;
    u32 uid = 0, gid = 0, cuid = 0, cgid = 0;
    u32 mode = 0;   // permission bits plus the kind's flags (SHM_DEST, SHM_LOCKED)
    u32 seq = 0;
    int index = -1;
    void* owner = nullptr;   // the segment, set or queue this block belongs to
    int id() const { return static_cast<int>(seq) * kIpcMni + index; }
};

// One kind's table. Callers hold that kind's Mutex.
class IpcIds {
public:
    IpcPerm* find_key(int key);
    IpcPerm* find_index(int index) { return index >= 0 && index < kIpcSlots ? m_slots[index] : nullptr; }
    IpcPerm* find_id(int id);              // null when absent or stale
    Result<void> add(IpcPerm& p);          // ENOSPC when full; sets index and seq
    void remove(IpcPerm& p);
    int in_use() const { return m_in_use; }
    int max_index() const;                 // -1 when empty (Linux's ipc_get_maxidx)
    template <typename Fn>
    void for_each(Fn fn) {
        for (int i = 0; i < kIpcSlots; i++)
            if (m_slots[i]) fn(*m_slots[i]);
    }

private:
    IpcPerm* m_slots[kIpcSlots] = {};
    int m_in_use = 0;
    int m_last_index = -1;
    u32 m_seq = 0;
};

// ipcperms: true when creds may access with flag's rwx bits (S_IRUGO, S_IWUGO...), or hold
// CAP_IPC_OWNER.
bool ipc_permitted(const Credentials& c, const IpcPerm& p, u32 flag);
// linux: ipcctl_obtain_check(): IPC_SET/IPC_RMID need the owner or creator, or CAP_SYS_ADMIN.
bool ipc_is_owner(const Credentials& c, const IpcPerm& p);
// A fresh object's permission block for the caller (key, mode bits of flg).
void ipc_init_perm(IpcPerm& p, const Credentials& c, int key, int flg);
void ipc_fill_perm64(const IpcPerm& p, ipc64_perm& out);
// IPC_SET's common part: uid, gid and the low mode bits from the user's block.
void ipc_set_perm(IpcPerm& p, const ipc64_perm& in);

// Strips IPC_64 from a *ctl command (the layout is always the 64-bit one on x86_64).
inline int ipc_cmd(int cmd) { return cmd & ~IPC_64; }

// The get-or-create step of shmget/semget/msgget, with the kind's lock held. create makes and
// registers a new object; check is the kind's extra test on an existing one (shm size, sem
// count). Returns the id.
template <typename Create, typename Check>
Result<int> ipc_get(IpcIds& ids, const Credentials& c, int key, int flg, Create create, Check check) {
    if (key == IPC_PRIVATE) return TRY(create())->id();
    IpcPerm* p = ids.find_key(key);
    if (!p) {
        if (!(flg & IPC_CREAT)) return Error(ENOENT);
        return TRY(create())->id();
    }
    if ((flg & IPC_CREAT) && (flg & IPC_EXCL)) return Error(EEXIST);
    TRY(check(*p));
    if (!ipc_permitted(c, *p, static_cast<u32>(flg))) return Error(EACCES);
    return p->id();
}

i64 ipc_now();   // seconds of the wall clock, for the *_time fields

// IPC_STAT and the *_STAT / *_STAT_ANY commands, with the kind's lock held: IPC_STAT names the
// object by id, the others by table index and return its id; all but *_STAT_ANY need read
// permission. fill(object, ds) writes the kind's *id64_ds. Returns the syscall's value.
template <typename Obj, typename Ds, typename Fill>
Result<int> ipc_stat_locked(IpcIds& ids, int id, int cmd, int stat_any_cmd, const Credentials& c, Ds& ds, Fill fill) {
    IpcPerm* p = cmd == IPC_STAT ? ids.find_id(id) : ids.find_index(id);
    if (!p) return Error(EINVAL);
    if (cmd != stat_any_cmd && !ipc_permitted(c, *p, S_IRUGO)) return Error(EACCES);
    fill(*static_cast<Obj*>(p->owner), ds);
    return cmd == IPC_STAT ? 0 : p->id();
}
