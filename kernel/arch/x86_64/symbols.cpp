// SPDX-License-Identifier: MIT
#include "arch/x86_64/symbols.h"

bool ksyms_lookup(const void* blob, usize blob_size, u64 addr, SymbolInfo& out) {
    if (!blob || blob_size < sizeof(KsymsHeader)) return false;
    auto* base = static_cast<const u8*>(blob);
    auto* h = static_cast<const KsymsHeader*>(blob);
    if (h->magic != kKsymsMagic || h->total_size > blob_size) return false;
    if (u64(h->count) * sizeof(KsymsEntry) + sizeof(KsymsHeader) > h->names_offset || h->names_offset > h->total_size)
        return false;
    auto* entries = reinterpret_cast<const KsymsEntry*>(base + sizeof(KsymsHeader));
    // Last entry whose address <= addr.
    usize lo = 0, hi = h->count;
    while (lo < hi) {
        usize mid = (lo + hi) / 2;
        if (entries[mid].address <= addr) lo = mid + 1;
        else hi = mid;
    }
    if (lo == 0) return false;
    const KsymsEntry& e = entries[lo - 1];
    u64 off = addr - e.address;
    // Symbols without a size (assembly labels) claim up to the next symbol.
    if (e.size && off >= e.size) return false;
    if (e.name_offset >= h->total_size - h->names_offset) return false;
    const char* name = reinterpret_cast<const char*>(base + h->names_offset + e.name_offset);
    usize max = h->total_size - h->names_offset - e.name_offset;
    usize n = 0;
    while (n < max && name[n]) n++;
    if (n == max) return false;   // no NUL before the end of the table: corrupt
    out.name = StringView(name, n);
    out.offset = off;
    return true;
}
