// SPDX-License-Identifier: MIT
// tmpfs inode kinds (private to fs/tmpfs/).
#pragma once

#include "fs/tmpfs/tmpfs.h"
#include "fs/vfs/xattr_store.h"
#include "lib/intrusive_list.h"
#include "mm/page_cache.h"

class TmpfsInode : public Inode {
public:
    ~TmpfsInode() override;
    XattrStore* xattrs() override { return &m_xattrs; }

protected:
    TmpfsInode(TmpfsSuperBlock& sb, u32 mode);
    TmpfsSuperBlock& tsb() const { return static_cast<TmpfsSuperBlock&>(sb()); }
    friend class TmpfsDir;

private:
    XattrStore m_xattrs;
};

class TmpfsFile final : public TmpfsInode {
public:
    explicit TmpfsFile(TmpfsSuperBlock& sb, u32 mode);
    Result<usize> read(const IoBuffer& buf, u64 offset) override;
    Result<usize> write(const IoBuffer& buf, u64 offset) override;
    Result<void> truncate(u64 size) override;
    PageCache* page_cache() override { return &m_pages; }
    usize page_count() { return m_pages.page_count(); }
    std::atomic<u32>* seals() override { return &m_seals; }

private:
    void update_blocks() { set_blocks(m_pages.page_count() * (4096 / 512)); }
    PageCache m_pages;
    std::atomic<u32> m_seals;   // F_SEAL_*: checked under the inode mutex by write and truncate
};

class TmpfsSymlink final : public TmpfsInode {
public:
    TmpfsSymlink(TmpfsSuperBlock& sb, char* target, usize len);
    ~TmpfsSymlink() override;
    Result<usize> readlink(char* buf, usize size) override;

private:
    char* m_target;
    usize m_len;
};

// Device nodes, FIFOs and sockets: attributes only; open() is the VFS default.
class TmpfsNode final : public TmpfsInode {
public:
    TmpfsNode(TmpfsSuperBlock& sb, u32 mode, DevId rdev);
};

struct TmpfsDirent {
    ListNode node;              // in the directory's ordered list
    TmpfsDirent* hash_next;     // bucket chain
    u64 cookie;                 // getdents position: increasing, never reused in a directory
    u32 hash;
    u16 len;
    RefPtr<Inode> inode;
    char* name() { return reinterpret_cast<char*>(this + 1); }
    StringView view() { return StringView(name(), len); }
};

class TmpfsDir final : public TmpfsInode {
public:
    TmpfsDir(TmpfsSuperBlock& sb, u32 mode, u64 parent_ino);
    ~TmpfsDir() override;

    Result<RefPtr<Inode>> lookup(StringView name) override;
    Result<RefPtr<Inode>> create(StringView name, u32 mode, const Credentials& creds) override;
    Result<RefPtr<Inode>> tmpfile(u32 mode, const Credentials& creds) override;
    Result<RefPtr<Inode>> mkdir(StringView name, u32 mode, const Credentials& creds) override;
    Result<RefPtr<Inode>> mknod(StringView name, u32 mode, DevId rdev, const Credentials& creds) override;
    Result<RefPtr<Inode>> symlink(StringView name, StringView target, const Credentials& creds) override;
    Result<void> link(StringView name, Inode& target) override;
    Result<void> unlink(StringView name, Inode& victim) override;
    Result<void> rmdir(StringView name, Inode& victim) override;
    Result<void> rename(StringView old_name, Inode& new_dir, StringView new_name, unsigned flags) override;
    Result<void> iterate(u64& pos, DirSink& sink) override;

    bool empty() const { return m_entries.empty(); }
    void set_parent_ino(u64 ino) { m_parent_ino.store(ino); }
    usize entry_count() const { return m_entries.size(); }

private:
    using EntryList = IntrusiveList<TmpfsDirent, &TmpfsDirent::node>;
    static constexpr u64 kBogoDirentSize = 20;   // linux: BOGO_DIRENT_SIZE, what tmpfs adds per entry

    TmpfsDirent* find(StringView name);
    // Links a prepared entry (cannot fail).
    void insert(TmpfsDirent* e);
    void erase(TmpfsDirent* e);
    static TmpfsDirent* make_entry(StringView name, RefPtr<Inode> inode);
    static void free_entry(TmpfsDirent* e);
    void maybe_grow_index();
    void touch_dir() { touch_mtime_ctime(); }
    // Adds a new inode under name (the common tail of create/mkdir/mknod/symlink).
    Result<RefPtr<Inode>> add_new(StringView name, RefPtr<Inode> inode);

    EntryList m_entries;
    TmpfsDirent** m_buckets = nullptr;
    u32 m_bucket_count = 0;
    u64 m_next_cookie = 2;   // 0 and 1 are "." and ".."
    std::atomic<u64> m_parent_ino;
};
