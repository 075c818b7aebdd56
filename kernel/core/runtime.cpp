// SPDX-License-Identifier: MIT
// What the compiler expects from a freestanding C++ environment: the mem* functions, the
// stack protector, pure-virtual and atexit hooks. Global constructors: by policy there are
// none with side effects (constinit everywhere); kernel_main still runs .init_array right
// after the console is up, so a constructor that sneaks in runs at a known point.
// These are the compiler's ABI hooks: nothing in the kernel declares them.
#pragma GCC diagnostic ignored "-Wmissing-declarations"
#include "core/panic.h"
#include "lib/types.h"

extern "C" {

// DF is clear on every kernel entry (trap_entry.S, syscall entry), so rep movs/stos go forward.
// Eight bytes per iteration, then the tail: a rep iteration is one instruction to TCG (and to
// -icount), so a 4 KiB page is 512 of them instead of 4,096.
void* memcpy(void* dst, const void* src, usize n) {
    void* ret = dst;
    usize words = n >> 3;
    n &= 7;
    asm volatile("rep movsq\n\tmovq %3, %%rcx\n\trep movsb"
                 : "+D"(dst), "+S"(src), "+c"(words)
                 : "r"(n)
                 : "memory");
    return ret;
}

void* memset(void* dst, int c, usize n) {
    void* ret = dst;
    u64 pattern = 0x0101010101010101ull * static_cast<u8>(c);
    usize words = n >> 3;
    n &= 7;
    asm volatile("rep stosq\n\tmovq %2, %%rcx\n\trep stosb"
                 : "+D"(dst), "+c"(words)
                 : "r"(n), "a"(pattern)
                 : "memory");
    return ret;
}

void* memmove(void* dst, const void* src, usize n) {
    auto* d = static_cast<u8*>(dst);
    auto* s = static_cast<const u8*>(src);
    if (d == s || n == 0) return dst;
    if (d < s || d >= s + n) return memcpy(dst, src, n);
    // Overlapping with dst above src: copy backwards one byte at a time, with DF left alone.
    for (usize i = n; i-- > 0;) d[i] = s[i];
    return dst;
}

int memcmp(const void* a, const void* b, usize n) {
    auto* x = static_cast<const u8*>(a);
    auto* y = static_cast<const u8*>(b);
    usize i = 0;
    // Equal words are skipped eight bytes at a time; the first difference is found bytewise.
    for (; i + 8 <= n; i += 8) {
        u64 wx, wy;
        __builtin_memcpy(&wx, x + i, 8);
        __builtin_memcpy(&wy, y + i, 8);
        if (wx != wy) break;
    }
    for (; i < n; i++)
        if (x[i] != y[i]) return x[i] < y[i] ? -1 : 1;
    return 0;
}

usize strlen(const char* s) {
    usize n = 0;
    while (s[n]) n++;
    return n;
}

int strncmp(const char* a, const char* b, usize n) {
    for (usize i = 0; i < n; i++) {
        if (a[i] != b[i] || !a[i]) return static_cast<u8>(a[i]) - static_cast<u8>(b[i]);
    }
    return 0;
}

int strcmp(const char* a, const char* b) {
    while (*a && *a == *b) a++, b++;
    return static_cast<u8>(*a) - static_cast<u8>(*b);
}

// Set from RDRAND/TSC early in boot (before that the constant is still a valid canary).
uptr __stack_chk_guard = 0x595e9fbd94fda766ull;

[[noreturn]] void __stack_chk_fail() { panic("stack protector: stack smashing detected"); }

void __cxa_pure_virtual() { panic("pure virtual function called"); }

// Static objects are never destroyed in a kernel.
int __cxa_atexit(void (*)(void*), void*, void*) { return 0; }
void* __dso_handle = nullptr;

}  // extern "C"
