// SPDX-License-Identifier: MIT
#include "exec/initial_stack.h"

#include <linux/auxvec.h>

namespace {

struct Builder {
    Span<u8> buf;
    u64 top;
    u64 cur;   // user address of the lowest byte written so far
    bool overflow = false;

    u8* at(u64 addr) { return buf.data() + (buf.size() - (top - addr)); }
    u64 push_bytes(const void* p, usize n) {
        if (overflow || n > cur - (top - buf.size())) {
            overflow = true;
            return 0;
        }
        cur -= n;
        __builtin_memcpy(at(cur), p, n);
        return cur;
    }
    u64 push_string(StringView s) {
        u8 zero = 0;
        push_bytes(&zero, 1);
        return push_bytes(s.data(), s.length());
    }
    void align(u64 a) {
        u64 n = cur - align_down(cur, a);
        if (overflow || n > cur - (top - buf.size())) {
            overflow = true;
            return;
        }
        cur -= n;
        __builtin_memset(at(cur), 0, n);
    }
    void put_word(u64 addr, u64 v) { __builtin_memcpy(at(addr), &v, 8); }
};

}  // namespace

Result<StackImage> build_initial_stack(Span<u8> scratch, u64 top, Span<const StringView> argv,
                                       Span<const StringView> envp, StringView execfn, const u8 random[16],
                                       Span<const AuxEntry> auxv, u64 align_gap) {
    Builder b{scratch, top, top};
    u64 null_word = 0;
    b.push_bytes(&null_word, 8);
    StackImage img{};
    img.execfn_addr = b.push_string(execfn);
    // Strings: envp (last first, so they end up in order), then argv likewise.
    u64 env_ptrs_storage[1] = {};
    (void)env_ptrs_storage;
    img.envp_end = b.cur;
    for (usize i = envp.size(); i-- > 0;) b.push_string(envp[i]);
    img.envp_start = b.cur;
    img.argv_end = b.cur;
    for (usize i = argv.size(); i-- > 0;) b.push_string(argv[i]);
    img.argv_start = b.cur;
    // Linux's arch_align_stack: a random gap, then 16-byte alignment.
    if (align_gap) {
        b.align(16);
        for (u64 g = 0; g < align_gap && !b.overflow; g += 16) {
            u8 z[16] = {};
            b.push_bytes(z, 16);
        }
    }
    b.align(16);
    img.platform_addr = b.push_string("x86_64");
    img.random_addr = b.push_bytes(random, 16);
    if (b.overflow) return Error(E2BIG);

    usize words = 1 + argv.size() + 1 + envp.size() + 1 + 2 * auxv.size() + 2;
    u64 sp = align_down(b.cur - words * 8, 16);
    if (sp < top - scratch.size() || sp > b.cur) return Error(E2BIG);
    __builtin_memset(b.at(sp), 0, b.cur - sp);
    u64 w = sp;
    b.put_word(w, argv.size());
    w += 8;
    // Pointers to the strings, in order.
    u64 s = img.argv_start;
    for (usize i = 0; i < argv.size(); i++) {
        b.put_word(w, s);
        w += 8;
        s += argv[i].length() + 1;
    }
    b.put_word(w, 0);
    w += 8;
    s = img.envp_start;
    for (usize i = 0; i < envp.size(); i++) {
        b.put_word(w, s);
        w += 8;
        s += envp[i].length() + 1;
    }
    b.put_word(w, 0);
    w += 8;
    for (const AuxEntry& a : auxv) {
        u64 v = a.value;
        if (a.type == AT_RANDOM) v = img.random_addr;
        else if (a.type == AT_EXECFN) v = img.execfn_addr;
        else if (a.type == AT_PLATFORM) v = img.platform_addr;
        b.put_word(w, a.type);
        b.put_word(w + 8, v);
        w += 16;
    }
    b.put_word(w, AT_NULL);
    b.put_word(w + 8, 0);
    img.sp = sp;
    img.size = top - sp;
    img.buffer = b.at(sp);
    return img;
}
