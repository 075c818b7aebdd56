// SPDX-License-Identifier: MIT
// The metadata of one ext2 volume kept in memory and written back in batches (linux: the buffer
// cache under ext2's bitmaps, inode table, indirect and directory blocks). Allocating one block
// reads and rewrites a bitmap, an indirect block and a group's descriptors a few bytes at a time;
// sent to the device one by one that was about eight requests per KiB of file written.
//
// The device is cached in units of 4 KiB. A write changes its unit and marks it dirty; flush()
// writes the dirty units in device order, neighbours in one request. It runs at sync, fsync and
// unmount (the volume's sync), when more than kMaxDirty units are dirty, and once the oldest
// dirty unit is older than the expiry (vm.dirty_expire_centisecs), at the next write or from the
// kernel's periodic write-back (linux: the flusher threads).
//
// File data does not stay here: read_direct/write_direct reach the device, taking any cached
// unit they overlap into account, so a block freed as metadata and reused for data (or the
// reverse) never shows stale bytes either way. Pure (host-tested), not thread-safe: the
// volume's callers serialise.
#pragma once

#include "fs/ext2/ext2_io.h"
#include "lib/intrusive_list.h"
#include "lib/rb_tree.h"

class Ext2Cache final : public Ext2Io {
public:
    static constexpr usize kUnit = 4096;
    static constexpr usize kMaxUnits = 4096;    // 16 MiB; clean units go first, least recently used
    static constexpr usize kMaxDirty = 1024;    // 4 MiB written back at once
    static constexpr i64 kDefaultExpireCs = 3000;   // centiseconds (linux: vm.dirty_expire_centisecs)

    explicit Ext2Cache(Ext2Io& dev) : m_dev(dev) {}
    ~Ext2Cache();   // drops what is cached, dirty or not: flush() first
    ARAMID_NOCOPY(Ext2Cache);

    Result<void> read(u64 offset, void* buf, usize len) override;
    Result<void> write(u64 offset, const void* buf, usize len) override;
    u64 size_bytes() override { return m_dev.size_bytes(); }
    void log(const char* msg, u64 value) override { m_dev.log(msg, value); }
    void now(i64& sec, u32& nsec) override { m_dev.now(sec, nsec); }

    // File data: straight to or from the device (cached units the range overlaps are read from
    // or updated in place).
    Result<void> read_direct(u64 offset, void* buf, usize len);
    Result<void> write_direct(u64 offset, const void* buf, usize len);

    Result<void> flush();
    // Memory pressure: frees up to max clean units, least recently used first; returns how many.
    usize shed_clean(usize max);
    void set_expire_centisecs(i64 cs) { m_expire_cs = cs; }
    // Whether the oldest dirty data is older than the expiry (the periodic write-back's question).
    bool expired() { return m_dirty && now_cs() - m_dirty_since >= m_expire_cs; }
    usize cached_units() const { return m_units.size(); }
    usize dirty_units() const { return m_dirty; }

private:
    struct Unit {
        u64 index;
        u8* data;
        bool dirty;
        RbNode node;
        ListNode lru;
    };
    struct UnitIndex {
        u64 operator()(const Unit& u) const { return u.index; }
    };

    usize unit_len(u64 index);   // kUnit, less for a last unit past the device's end
    Unit* find(u64 index);       // and marks it recently used
    // The unit, read from the device unless `whole` (the caller overwrites all of it).
    Result<Unit*> get(u64 index, bool whole);
    void drop(Unit& u);
    Unit* first_overlapping(u64 offset);
    Result<void> make_room();
    void mark_dirty(Unit& u);

    Ext2Io& m_dev;
    RbTree<Unit, &Unit::node, UnitIndex> m_units;
    IntrusiveList<Unit, &Unit::lru> m_lru;   // least recently used at the front
    usize m_dirty = 0;
    i64 now_cs();
    i64 m_dirty_since = 0;   // when the oldest dirty unit became dirty (centiseconds)
    i64 m_expire_cs = kDefaultExpireCs;
};
