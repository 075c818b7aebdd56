// SPDX-License-Identifier: MIT
#include "fs/ext2/ext2_cache.h"

#include <new>

namespace {
constexpr usize kMaxRun = 64 * 1024;   // one flush request
}  // namespace

// The cached units overlapping [offset, offset + len): the one at or before its start, then on.
Ext2Cache::Unit* Ext2Cache::first_overlapping(u64 offset) {
    Unit* u = m_units.floor(offset / kUnit);
    return u ? u : m_units.first();
}

Ext2Cache::~Ext2Cache() {
    while (Unit* u = m_units.first()) drop(*u);
}

usize Ext2Cache::unit_len(u64 index) {
    u64 size = m_dev.size_bytes(), start = index * kUnit;
    if (start >= size) return 0;
    return size - start < kUnit ? static_cast<usize>(size - start) : kUnit;
}

Ext2Cache::Unit* Ext2Cache::find(u64 index) {
    Unit* u = m_units.floor(index);
    if (!u || u->index != index) return nullptr;
    m_lru.remove(*u);
    m_lru.push_back(*u);
    return u;
}

void Ext2Cache::drop(Unit& u) {
    if (u.dirty) m_dirty--;
    m_units.remove(u);
    m_lru.remove(u);
    delete[] u.data;
    delete &u;
}

Result<void> Ext2Cache::make_room() {
    if (m_units.size() < kMaxUnits) return {};
    for (int pass = 0; pass < 2; pass++) {
        for (Unit& u : m_lru)
            if (!u.dirty) {
                drop(u);
                return {};
            }
        TRY(flush());   // all dirty: write them back, then the oldest goes
    }
    return {};
}

Result<Ext2Cache::Unit*> Ext2Cache::get(u64 index, bool whole) {
    if (Unit* u = find(index)) return u;
    usize len = unit_len(index);
    if (len == 0) return Error(EIO);
    TRY(make_room());
    auto* data = new (std::nothrow) u8[kUnit];
    if (!data) return Error(ENOMEM);
    if (!whole) {
        auto r = m_dev.read(index * kUnit, data, len);
        if (r.is_error()) {
            delete[] data;
            return r.error();
        }
    }
    auto* u = new (std::nothrow) Unit{index, data, false, RbNode(), ListNode()};
    if (!u) {
        delete[] data;
        return Error(ENOMEM);
    }
    m_units.insert(*u);
    m_lru.push_back(*u);
    return u;
}

i64 Ext2Cache::now_cs() {
    i64 sec;
    u32 ns;
    m_dev.now(sec, ns);
    return sec * 100 + ns / 10'000'000;
}

void Ext2Cache::mark_dirty(Unit& u) {
    if (u.dirty) return;
    if (m_dirty == 0) m_dirty_since = now_cs();
    u.dirty = true;
    m_dirty++;
}

Result<void> Ext2Cache::read(u64 offset, void* buf, usize len) {
    auto* out = static_cast<u8*>(buf);
    for (usize done = 0; done < len;) {
        u64 pos = offset + done;
        usize in = static_cast<usize>(pos % kUnit);
        usize chunk = kUnit - in < len - done ? kUnit - in : len - done;
        Unit* u = TRY(get(pos / kUnit, false));
        __builtin_memcpy(out + done, u->data + in, chunk);
        done += chunk;
    }
    return {};
}

Result<void> Ext2Cache::write(u64 offset, const void* buf, usize len) {
    const auto* in_buf = static_cast<const u8*>(buf);
    for (usize done = 0; done < len;) {
        u64 pos = offset + done;
        usize in = static_cast<usize>(pos % kUnit);
        usize chunk = kUnit - in < len - done ? kUnit - in : len - done;
        u64 index = pos / kUnit;
        Unit* u = TRY(get(index, in == 0 && chunk >= unit_len(index)));
        __builtin_memcpy(u->data + in, in_buf + done, chunk);
        mark_dirty(*u);
        done += chunk;
    }
    if (m_dirty > kMaxDirty || expired()) TRY(flush());
    return {};
}

Result<void> Ext2Cache::read_direct(u64 offset, void* buf, usize len) {
    TRY(m_dev.read(offset, buf, len));
    // Bytes a cached unit holds are the current ones (it may be dirty).
    auto* out = static_cast<u8*>(buf);
    for (Unit* u = first_overlapping(offset); u && u->index * kUnit < offset + len; u = m_units.next_of(*u)) {
        u64 from = u->index * kUnit > offset ? u->index * kUnit : offset;
        u64 to = (u->index + 1) * kUnit < offset + len ? (u->index + 1) * kUnit : offset + len;
        if (from < to) __builtin_memcpy(out + (from - offset), u->data + (from - u->index * kUnit), to - from);
    }
    return {};
}

Result<void> Ext2Cache::write_direct(u64 offset, const void* buf, usize len) {
    TRY(m_dev.write(offset, buf, len));
    const auto* in = static_cast<const u8*>(buf);
    for (Unit* u = first_overlapping(offset); u && u->index * kUnit < offset + len; u = m_units.next_of(*u)) {
        u64 from = u->index * kUnit > offset ? u->index * kUnit : offset;
        u64 to = (u->index + 1) * kUnit < offset + len ? (u->index + 1) * kUnit : offset + len;
        if (from < to) __builtin_memcpy(u->data + (from - u->index * kUnit), in + (from - offset), to - from);
    }
    return {};
}

Result<void> Ext2Cache::flush() {
    if (m_dirty == 0) return {};
    u8* run = new (std::nothrow) u8[kMaxRun];
    Unit* u = m_units.first();
    Result<void> r;
    while (u && r.is_ok()) {
        if (!u->dirty) {
            u = m_units.next_of(*u);
            continue;
        }
        // Dirty neighbours go out in one request (one at a time without the bounce buffer).
        Unit* last = u;
        usize n = 1;
        while (run && n * kUnit < kMaxRun) {
            Unit* next = m_units.next_of(*last);
            if (!next || !next->dirty || next->index != last->index + 1 || unit_len(next->index) != kUnit) break;
            last = next;
            n++;
        }
        if (n == 1) {
            r = m_dev.write(u->index * kUnit, u->data, unit_len(u->index));
        } else {
            usize len = 0;
            for (Unit* k = u; k; k = k == last ? nullptr : m_units.next_of(*k)) {
                __builtin_memcpy(run + len, k->data, unit_len(k->index));
                len += unit_len(k->index);
            }
            r = m_dev.write(u->index * kUnit, run, len);
        }
        if (r.is_error()) break;
        for (Unit* k = u; k; k = k == last ? nullptr : m_units.next_of(*k)) {
            k->dirty = false;
            m_dirty--;
        }
        u = m_units.next_of(*last);
    }
    delete[] run;
    return r;
}

usize Ext2Cache::shed_clean(usize max) {
    usize n = 0;
    for (Unit& u : m_lru) {
        if (n == max) break;
        if (u.dirty) continue;
        drop(u);
        n++;
    }
    return n;
}
