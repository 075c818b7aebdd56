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
    // linux: shmem_statfs(): an unlimited size or inode count (size=0, nr_inodes=0) reports 0s.
    if (m_max_pages != ~usize(0)) {
        out.blocks = m_max_pages;
        usize used = used_pages();
        out.bfree = out.bavail = used < m_max_pages ? m_max_pages - used : 0;
    }
    if (m_max_inodes != ~usize(0)) {
        out.files = m_max_inodes;
        usize ui = used_inodes();
        out.ffree = ui < m_max_inodes ? m_max_inodes - ui : 0;
    }
    out.namelen = 255;
}

namespace {

struct TmpfsOptions {
    usize max_pages;
    usize max_inodes;
    u32 mode = 01777;
    u32 uid = 0, gid = 0;
};

// linux: memparse(): a number as simple_strtoull(s, &end, 0) reads it (0x hex, leading 0 octal, no
// digits at all is 0) times an optional binary suffix k/m/g/t/p/e (either case), wrapping on
// overflow as Linux does. Returns how many characters it used; the caller decides what may follow.
usize memparse(StringView s, u64& out) {
    usize i = 0;
    u64 base = 10;
    auto digit = [](char c) -> u64 {
        if (c >= '0' && c <= '9') return static_cast<u64>(c - '0');
        if (c >= 'a' && c <= 'f') return static_cast<u64>(c - 'a' + 10);
        if (c >= 'A' && c <= 'F') return static_cast<u64>(c - 'A' + 10);
        return 99;
    };
    if (s.length() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') && digit(s[2]) < 16) {
        base = 16;
        i = 2;
    } else if (!s.empty() && s[0] == '0') {
        base = 8;
    }
    u64 v = 0;
    for (; i < s.length() && digit(s[i]) < base; i++) v = v * base + digit(s[i]);
    if (i < s.length()) {
        static constexpr char kSuffixes[] = "kmgtpe";
        for (unsigned k = 0; k < 6; k++) {
            if (s[i] == kSuffixes[k] || s[i] == kSuffixes[k] - 'a' + 'A') {
                v <<= 10 * (k + 1);
                i++;
                break;
            }
        }
    }
    out = v;
    return i;
}

// size=N (memparse bytes) or N% of RAM. linux: mm/shmem.c shmem_parse_one(), Opt_size.
bool parse_size(StringView s, usize total_pages, usize& pages) {
    u64 bytes;
    usize used = memparse(s, bytes);
    if (used < s.length() && s[used] == '%') {
        used++;
        bytes = (bytes << kPageShift) * total_pages / 100;
    }
    if (used != s.length()) return false;
    pages = static_cast<usize>(bytes / kPageSize + (bytes % kPageSize != 0));
    return true;
}

// nr_inodes=N (memparse, nothing after it).
bool parse_inodes(StringView s, u64& inodes) { return memparse(s, inodes) == s.length(); }

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
            if (!parse_inodes(val, v)) return Error(EINVAL);
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
