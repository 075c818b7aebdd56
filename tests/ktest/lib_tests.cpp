// SPDX-License-Identifier: MIT
// The library as built for the kernel (freestanding flags, in-kernel mem* functions).
#include "ktest/ktest.h"
#include "lib/format.h"
#include "lib/string_view.h"

KTEST(format_in_kernel, "lib.format") {
    char buf[64];
    usize n = format(buf, sizeof(buf), "%d %s %#x %5.2s|", -42, "abc", 255u, "xyz");
    KEXPECT_EQ(n, __builtin_strlen("-42 abc 0xff    xy|"));
    KEXPECT(StringView(buf) == StringView("-42 abc 0xff    xy|"));
    KEXPECT(glob_match("paging.*", "paging.map"));
    KEXPECT(!glob_match("paging.*", "sched.x"));
}

KTEST(memmove_overlap, "lib.memmove_overlap") {
    char buf[16] = "abcdefghij";
    __builtin_memmove(buf + 2, buf, 8);
    KEXPECT(StringView(buf, 10) == StringView("ababcdefgh"));
    __builtin_memmove(buf, buf + 2, 8);
    KEXPECT(StringView(buf, 8) == StringView("abcdefgh"));
}
