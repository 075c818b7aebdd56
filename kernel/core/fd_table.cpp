// SPDX-License-Identifier: MIT
#include "core/fd_table.h"

#include "fs/vfs/file.h"
#include "core/process.h"
#include "mm/kheap.h"

Result<RefPtr<FdTable>> FdTable::create() {
    auto* t = new (std::nothrow) FdTable();
    if (!t) return Error(ENOMEM);
    return RefPtr<FdTable>::adopt(t);
}

FdTable::~FdTable() {
    close_all();
    kfree(m_files);
    kfree(m_cloexec);
}

Result<void> FdTable::grow_locked(int needed) {
    if (needed <= m_capacity) return {};
    int cap = m_capacity ? m_capacity : 64;
    while (cap < needed) cap *= 2;
    if (cap > kMaxFds) cap = kMaxFds;
    if (cap < needed) return Error(EMFILE);
    auto* files = static_cast<RefPtr<File>*>(kzalloc(sizeof(RefPtr<File>) * usize(cap)));
    auto* bits = static_cast<u64*>(kzalloc(sizeof(u64) * usize((cap + 63) / 64)));
    if (!files || !bits) {
        kfree(files);
        kfree(bits);
        return Error(ENOMEM);
    }
    // RefPtr is a single pointer: moving the array bytewise moves ownership.
    static_assert(sizeof(RefPtr<File>) == sizeof(File*));
    if (m_capacity) {
        __builtin_memcpy(static_cast<void*>(files), static_cast<void*>(m_files), sizeof(RefPtr<File>) * usize(m_capacity));
        __builtin_memcpy(bits, m_cloexec, sizeof(u64) * usize((m_capacity + 63) / 64));
    }
    kfree(m_files);
    kfree(m_cloexec);
    m_files = files;
    m_cloexec = bits;
    m_capacity = cap;
    return {};
}

int FdTable::first_free_locked(int from) const {
    int fd = max(from, m_next_fd);
    while (fd < m_capacity && m_files[fd]) fd++;
    return fd;
}

void FdTable::note_installed_locked(int fd) {
    if (fd > m_high) m_high = fd;
    if (fd == m_next_fd) m_next_fd = first_free_locked(fd + 1);
}

void FdTable::note_closed_locked(int fd) {
    if (fd < m_next_fd) m_next_fd = fd;
    if (fd == m_high) {
        while (m_high >= 0 && !m_files[m_high]) m_high--;
    }
}

Result<RefPtr<FdTable>> FdTable::clone() {
    auto copy = TRY(FdTable::create());
    SpinlockGuard g(m_lock);
    TRY(copy->grow_locked(m_capacity));
    for (int i = 0; i < m_capacity; i++) copy->m_files[i] = m_files[i];
    if (m_capacity) __builtin_memcpy(copy->m_cloexec, m_cloexec, sizeof(u64) * usize((m_capacity + 63) / 64));
    copy->m_next_fd = m_next_fd;
    copy->m_high = m_high;
    return copy;
}

Result<int> FdTable::install(RefPtr<File> f, bool cloexec, int min_fd, u64 limit) {
    if (min_fd < 0) return Error(EINVAL);
    u64 lim = min(limit, u64(kMaxFds));
    if (u64(min_fd) >= lim) return Error(min_fd == 0 ? EMFILE : EINVAL);
    RefPtr<File> old;
    SpinlockGuard g(m_lock);
    int fd = first_free_locked(min_fd);
    if (u64(fd) >= lim) return Error(EMFILE);
    TRY(grow_locked(fd + 1));
    m_files[fd] = move_ref(f);
    note_installed_locked(fd);
    if (cloexec) m_cloexec[fd / 64] |= 1ull << (fd % 64);
    else m_cloexec[fd / 64] &= ~(1ull << (fd % 64));
    return fd;
}

Result<int> FdTable::install_at(int fd, RefPtr<File> f, bool cloexec, u64 limit) {
    if (fd < 0 || u64(fd) >= min(limit, u64(kMaxFds))) return Error(EBADF);
    RefPtr<File> old;
    {
        SpinlockGuard g(m_lock);
        TRY(grow_locked(fd + 1));
        old = move_ref(m_files[fd]);
        m_files[fd] = move_ref(f);
        note_installed_locked(fd);
        if (cloexec) m_cloexec[fd / 64] |= 1ull << (fd % 64);
        else m_cloexec[fd / 64] &= ~(1ull << (fd % 64));
    }
    return fd;   // `old` is dropped here, outside the lock
}

Result<RefPtr<File>> FdTable::get(int fd) {
    SpinlockGuard g(m_lock);
    if (fd < 0 || fd >= m_capacity || !m_files[fd]) return Error(EBADF);
    return m_files[fd];
}

Result<RefPtr<File>> FdTable::close(int fd) {
    SpinlockGuard g(m_lock);
    if (fd < 0 || fd >= m_capacity || !m_files[fd]) return Error(EBADF);
    RefPtr<File> old = move_ref(m_files[fd]);
    note_closed_locked(fd);
    m_cloexec[fd / 64] &= ~(1ull << (fd % 64));
    return old;   // dropped by the caller, after the lock
}

void FdTable::close_range(unsigned first, unsigned last, bool cloexec_only) {
    for (;;) {
        RefPtr<File> old;
        {
            SpinlockGuard g(m_lock);
            unsigned end = min(last, unsigned(m_capacity ? m_capacity - 1 : 0));
            if (!m_capacity || first > end) return;
            int found = -1;
            for (unsigned i = first; i <= end; i++) {
                if (!m_files[i]) continue;
                if (cloexec_only) {
                    m_cloexec[i / 64] |= 1ull << (i % 64);
                    continue;
                }
                found = static_cast<int>(i);
                break;
            }
            if (found < 0) return;
            old = move_ref(m_files[found]);
            note_closed_locked(found);
            m_cloexec[found / 64] &= ~(1ull << (found % 64));
            first = static_cast<unsigned>(found) + 1;
        }
    }
}

Result<bool> FdTable::cloexec(int fd) {
    SpinlockGuard g(m_lock);
    if (fd < 0 || fd >= m_capacity || !m_files[fd]) return Error(EBADF);
    return bool(m_cloexec[fd / 64] & (1ull << (fd % 64)));
}

Result<void> FdTable::set_cloexec(int fd, bool on) {
    SpinlockGuard g(m_lock);
    if (fd < 0 || fd >= m_capacity || !m_files[fd]) return Error(EBADF);
    if (on) m_cloexec[fd / 64] |= 1ull << (fd % 64);
    else m_cloexec[fd / 64] &= ~(1ull << (fd % 64));
    return {};
}

void FdTable::close_on_exec(void (*closed)(File&)) {
    for (int fd = 0;; fd++) {
        RefPtr<File> old;
        {
            SpinlockGuard g(m_lock);
            if (fd >= m_capacity) return;
            if (!m_files[fd] || !(m_cloexec[fd / 64] & (1ull << (fd % 64)))) continue;
            old = move_ref(m_files[fd]);
            note_closed_locked(fd);
            m_cloexec[fd / 64] &= ~(1ull << (fd % 64));
        }
        if (closed) closed(*old);
    }
}

void FdTable::close_all() { close_range(0, ~0u, false); }

int FdTable::highest_fd() {
    SpinlockGuard g(m_lock);
    return m_high;
}

int FdTable::lowest_free() {
    SpinlockGuard g(m_lock);
    return first_free_locked(0);
}

Result<RefPtr<FsContext>> FsContext::create(const Path& root) {
    auto* c = new (std::nothrow) FsContext();
    if (!c) return Error(ENOMEM);
    c->m_root = root;
    c->m_cwd = root;
    return RefPtr<FsContext>::adopt(c);
}

Result<RefPtr<FsContext>> FsContext::clone() {
    auto* c = new (std::nothrow) FsContext();
    if (!c) return Error(ENOMEM);
    SpinlockGuard g(m_lock);
    c->m_root = m_root;
    c->m_cwd = m_cwd;
    c->umask = umask;
    return RefPtr<FsContext>::adopt(c);
}

