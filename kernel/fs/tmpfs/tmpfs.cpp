// SPDX-License-Identifier: MIT
#include "fs/tmpfs/tmpfs.h"

#include "abi/linux/fs_abi.h"
#include "abi/linux/uapi.h"
#include "arch/paging.h"
#include "fs/tmpfs/tmpfs_inode.h"
#include "fs/vfs/vfs.h"
#include "mm/kheap.h"
#include "mm/page_ref.h"
#include "mm/pmm.h"

// --- inodes -----------------------------------------------------------------------------------

TmpfsInode::TmpfsInode(TmpfsSuperBlock& sb, u32 mode) : Inode(sb, sb.alloc_ino(), mode) {}

TmpfsInode::~TmpfsInode() { tsb().uncharge_inode(); }

TmpfsSymlink::TmpfsSymlink(TmpfsSuperBlock& sb, char* target, usize len)
    : TmpfsInode(sb, S_IFLNK | 0777), m_target(target), m_len(len) {
    set_size(len);
}

TmpfsSymlink::~TmpfsSymlink() { kfree(m_target); }

Result<usize> TmpfsSymlink::readlink(char* buf, usize size) {
    usize n = min(m_len, size);
    __builtin_memcpy(buf, m_target, n);
    return n;
}

TmpfsNode::TmpfsNode(TmpfsSuperBlock& sb, u32 mode, DevId rdev) : TmpfsInode(sb, mode) { set_rdev(rdev); }

// --- superblock -------------------------------------------------------------------------------

TmpfsSuperBlock::TmpfsSuperBlock(const char* fs_name)
    : SuperBlock(fs_name, alloc_anon_dev()), m_page_alloc{alloc_page, free_page, this, alloc_node, free_node} {}

TmpfsSuperBlock::~TmpfsSuperBlock() {
    // The root dentry holds the root directory, whose destructor frees the whole tree
    // (iteratively); the inodes uncharge this superblock on the way, so it goes first.
    drop_root();
}

Result<void*> TmpfsSuperBlock::alloc_page(void* ctx) {
    auto* sb = static_cast<TmpfsSuperBlock*>(ctx);
    if (sb->m_used_pages.fetch_add(1, std::memory_order_relaxed) >= sb->m_max_pages) {
        sb->m_used_pages.fetch_sub(1, std::memory_order_relaxed);
        return Error(ENOSPC);
    }
    auto p = pmm_alloc_zeroed(0);
    if (p.is_error()) {
        sb->m_used_pages.fetch_sub(1, std::memory_order_relaxed);
        return Error(ENOMEM);
    }
    return arch::phys_to_virt(p.value());
}

// The page cache's index nodes are kernel metadata: not charged against size= (Linux's shmem
// charges data pages only, so a size=256k tmpfs holds 64 pages).
Result<void*> TmpfsSuperBlock::alloc_node(void*) {
    auto p = TRY(pmm_alloc_zeroed(0));
    return arch::phys_to_virt(p);
}

void TmpfsSuperBlock::free_node(void*, void* node) { page_unref(arch::virt_to_phys_direct(node)); }

void TmpfsSuperBlock::free_page(void* ctx, void* page) {
    auto* sb = static_cast<TmpfsSuperBlock*>(ctx);
    page_unref(arch::virt_to_phys_direct(page));   // a mapping may still hold the page
    sb->m_used_pages.fetch_sub(1, std::memory_order_relaxed);
}

Result<void> TmpfsSuperBlock::charge_inode() {
    if (m_used_inodes.fetch_add(1, std::memory_order_relaxed) >= m_max_inodes) {
        m_used_inodes.fetch_sub(1, std::memory_order_relaxed);
        return Error(ENOSPC);
    }
    return {};
}

void TmpfsSuperBlock::statfs(FsStats& out) {
    out = FsStats{};
    out.type = TMPFS_MAGIC;
    out.bsize = out.frsize = kPageSize;
    out.blocks = m_max_pages;
    usize used = used_pages();
    out.bfree = out.bavail = used < m_max_pages ? m_max_pages - used : 0;
    out.files = m_max_inodes;
    usize ui = used_inodes();
    out.ffree = ui < m_max_inodes ? m_max_inodes - ui : 0;
    out.namelen = 255;
}

namespace {

struct TmpfsOptions {
    usize max_pages;
    usize max_inodes;
    u32 mode = 01777;
    u32 uid = 0, gid = 0;
};

// size=N with an optional k/m/g suffix or a % of RAM. linux: mm/shmem.c shmem_parse_one().
bool parse_size(StringView s, usize total_pages, usize& pages) {
    if (s.empty()) return false;
    char last = s[s.length() - 1];
    u64 mult = 1;
    bool percent = false;
    if (last == 'k' || last == 'K') mult = 1ull << 10;
    else if (last == 'm' || last == 'M') mult = 1ull << 20;
    else if (last == 'g' || last == 'G') mult = 1ull << 30;
    else if (last == '%') percent = true;
    if (mult != 1 || percent) s = s.substr(0, s.length() - 1);
    u64 v;
    if (!parse_u64(s, v)) return false;
    if (percent) {
        if (v > 100) return false;
        pages = static_cast<usize>(total_pages * v / 100);
        return true;
    }
    u64 bytes;
    if (__builtin_mul_overflow(v, mult, &bytes)) return false;
    pages = static_cast<usize>(align_up(bytes, kPageSize) >> kPageShift);
    return true;
}

Result<void> parse_options(const char* data, TmpfsOptions& o) {
    usize total = pmm_total_pages();
    o.max_pages = total / 2;
    o.max_inodes = total / 2;
    if (!data) return {};
    StringView rest(data), key, val;
    bool has_val;
    while (next_mount_option(rest, key, val, has_val)) {
        u64 v;
        if (key == "size") {
            if (!parse_size(val, total, o.max_pages)) return Error(EINVAL);
        } else if (key == "nr_inodes") {
            if (!parse_u64(val, v)) return Error(EINVAL);
            o.max_inodes = v ? static_cast<usize>(v) : ~usize(0);   // 0: unlimited
        } else if (key == "mode") {
            if (!parse_octal_mode(val, o.mode)) return Error(EINVAL);
        } else if (key == "uid") {
            if (!parse_u64(val, v) || v > 0xfffffffe) return Error(EINVAL);
            o.uid = static_cast<u32>(v);
        } else if (key == "gid") {
            if (!parse_u64(val, v) || v > 0xfffffffe) return Error(EINVAL);
            o.gid = static_cast<u32>(v);
        } else {
            return Error(EINVAL);   // linux: "tmpfs: Unknown parameter"
        }
    }
    if (o.max_pages == 0) o.max_pages = ~usize(0);   // size=0: unlimited, as Linux
    return {};
}

Result<RefPtr<SuperBlock>> tmpfs_mount(StringView, u64, const char* data) {
    auto sb = TRY(TmpfsSuperBlock::create("tmpfs", data));
    return RefPtr<SuperBlock>(std::move(sb));
}

constinit const FileSystemType g_tmpfs_type{"tmpfs", tmpfs_mount, false};

}  // namespace

const FileSystemType& tmpfs_type() { return g_tmpfs_type; }

Result<RefPtr<TmpfsSuperBlock>> TmpfsSuperBlock::create(const char* fs_name, const char* options) {
    TmpfsOptions o;
    TRY(parse_options(options, o));
    auto* sb = new (std::nothrow) TmpfsSuperBlock(fs_name);
    if (!sb) return Error(ENOMEM);
    auto ref = RefPtr<TmpfsSuperBlock>::adopt(sb);
    sb->m_max_pages = o.max_pages;
    sb->m_max_inodes = o.max_inodes;
    TRY(sb->charge_inode());
    auto* root = new (std::nothrow) TmpfsDir(*sb, S_IFDIR | o.mode, 0);
    if (!root) {
        sb->uncharge_inode();
        return Error(ENOMEM);
    }
    auto root_ref = RefPtr<Inode>::adopt(root);
    root->set_parent_ino(root->ino());   // ".." of the root is the root
    root->set_uid(o.uid);
    root->set_gid(o.gid);
    Timespec now = realtime_now();
    root->set_atime(now);
    root->set_mtime(now);
    root->set_ctime(now);
    TRY(sb->make_root(std::move(root_ref)));
    return ref;
}
