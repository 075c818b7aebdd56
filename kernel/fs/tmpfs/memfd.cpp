// SPDX-License-Identifier: MIT
// memfd_create(2) and the file seals (fcntl F_ADD_SEALS/F_GET_SEALS). A memfd is a tmpfs file
// that never had a name, in a tmpfs instance no mount table holds (linux: shm_mnt). Its dentry
// is called "memfd:<name>" under that instance's root and was never hashed, so /proc/<pid>/fd
// and maps show "/memfd:<name> (deleted)" as on Linux.
#include <atomic>

#include "abi/linux/uapi.h"
#include "fs/tmpfs/memfd.h"
#include "fs/tmpfs/tmpfs.h"
#include "fs/vfs/path.h"
#include "fs/vfs/file.h"
#include "mm/page_cache.h"
#include "syscalls/fs_common.h"
#include "syscalls/handlers.h"

namespace {

constexpr const char kPrefix[] = "memfd:";
// linux: MFD_NAME_MAX_LEN: the name and its prefix must fit NAME_MAX.
constexpr usize kNameMaxLen = kNameMax - (sizeof(kPrefix) - 1);
// LINUX-DIVERGENCE: MFD_EXEC/MFD_NOEXEC_SEAL (and F_SEAL_EXEC) postdate the UAPI headers used: EINVAL.
constexpr u32 kAllFlags = MFD_CLOEXEC | MFD_ALLOW_SEALING | MFD_HUGETLB;

constinit std::atomic<TmpfsSuperBlock*> g_memfd_sb{nullptr};

// The hidden instance, made on first use and kept for good (one reference is never dropped).
Result<TmpfsSuperBlock*> memfd_sb() {
    if (TmpfsSuperBlock* sb = g_memfd_sb.load(std::memory_order_acquire)) return sb;
    RefPtr<TmpfsSuperBlock> fresh = TRY(TmpfsSuperBlock::create("tmpfs", ""));
    TmpfsSuperBlock* expected = nullptr;
    if (g_memfd_sb.compare_exchange_strong(expected, fresh.ptr(), std::memory_order_acq_rel)) return fresh.leak();
    return expected;   // another caller won; ours goes
}

}  // namespace

SyscallResult sys_memfd_create(UserCString uname, Flags flags) {
    u32 fl = static_cast<u32>(flags.value);
    if (flags.value & ~u64(kAllFlags)) return Error(EINVAL);
    // LINUX-DIVERGENCE: no hugetlbfs, so MFD_HUGETLB (and its page-size bits) is refused.
    if (fl & MFD_HUGETLB) return Error(EINVAL);
    char name[sizeof(kPrefix) - 1 + kNameMaxLen + 1];
    __builtin_memcpy(name, kPrefix, sizeof(kPrefix) - 1);
    auto len = copy_string_from_user(name + sizeof(kPrefix) - 1, kNameMaxLen + 1, uname.addr);
    if (len.is_error()) return Error(len.error_code() == ENAMETOOLONG ? EINVAL : len.error_code());
    TRY(fd_check_available());
    TmpfsSuperBlock* sb = TRY(memfd_sb());
    Dentry& root = *sb->root();
    // linux: S_IRWXUGO.
    RefPtr<Inode> inode = TRY(root.inode()->tmpfile(0777, current_creds()));
    if (fl & MFD_ALLOW_SEALING) inode->seals()->store(0, std::memory_order_relaxed);
    RefPtr<Dentry> d = TRY(d_alloc_unhashed(root, StringView(name, sizeof(kPrefix) - 1 + len.value()), inode));
    RefPtr<File> f = TRY(File::open(Path{RefPtr<Mount>(), std::move(d)}, O_RDWR | O_LARGEFILE));
    return TRY(fd_install(std::move(f), fl & MFD_CLOEXEC));
}

// linux: memfd_add_seals(): EPERM once F_SEAL_SEAL is set or on a descriptor not open for
// writing; EBUSY for F_SEAL_WRITE while the file is mapped shared and writable.
Result<long> file_seals_fcntl(File& f, unsigned cmd, u64 arg) {
    std::atomic<u32>* seals = f.inode().seals();
    if (!seals) return Error(EINVAL);
    if (cmd == F_GET_SEALS) return static_cast<long>(seals->load(std::memory_order_relaxed));
    constexpr u32 kKnown = F_SEAL_SEAL | F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | F_SEAL_FUTURE_WRITE;
    if (arg > 0xffffffffu || (arg & ~u64(kKnown))) return Error(EINVAL);
    if (!f.writable()) return Error(EPERM);
    u32 add = static_cast<u32>(arg);
    Inode& inode = f.inode();
    MutexGuard g(inode.lock());
    u32 cur = seals->load(std::memory_order_relaxed);
    if (cur & F_SEAL_SEAL) return Error(EPERM);
    if ((add & F_SEAL_WRITE) && !(cur & F_SEAL_WRITE)) {
        PageCache* pc = inode.page_cache();
        if (pc && pc->mapped_writable_shared()) return Error(EBUSY);
    }
    seals->store(cur | add, std::memory_order_relaxed);
    return 0;
}
