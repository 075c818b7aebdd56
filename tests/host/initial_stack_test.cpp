// SPDX-License-Identifier: MIT
// The initial stack image: walk it back from sp as a program's start code would.
#include <gtest/gtest.h>
#include <linux/auxvec.h>

#include <cstring>
#include <string>
#include <vector>

#include "exec/initial_stack.h"

namespace {
constexpr u64 kTop = 0x7ffffff00000ull;

u64 word(const StackImage& img, u64 addr) {
    u64 v;
    std::memcpy(&v, img.buffer + (addr - img.sp), 8);
    return v;
}
std::string str(const StackImage& img, u64 addr) { return std::string(reinterpret_cast<const char*>(img.buffer + (addr - img.sp))); }
}  // namespace

TEST(InitialStack, LayoutMatchesLinux) {
    std::vector<u8> scratch(64 * 1024);
    StringView argv[] = {"/bin/prog", "-x", ""};
    StringView envp[] = {"HOME=/", "TERM=linux"};
    u8 rnd[16];
    for (int i = 0; i < 16; i++) rnd[i] = static_cast<u8>(i * 7);
    AuxEntry aux[] = {{AT_PAGESZ, 4096}, {AT_RANDOM, 0}, {AT_EXECFN, 0}, {AT_PLATFORM, 0}};
    auto r = build_initial_stack(Span<u8>(scratch.data(), scratch.size()), kTop, Span<const StringView>(argv, 3),
                                 Span<const StringView>(envp, 2), "/bin/prog", rnd, Span<const AuxEntry>(aux, 4), 256);
    ASSERT_TRUE(r.is_ok());
    const StackImage& img = r.value();
    EXPECT_EQ(img.sp % 16, 0u);
    EXPECT_EQ(word(img, img.sp), 3u);   // argc
    u64 p = img.sp + 8;
    std::vector<std::string> args;
    for (; word(img, p); p += 8) args.push_back(str(img, word(img, p)));
    EXPECT_EQ(args, (std::vector<std::string>{"/bin/prog", "-x", ""}));
    p += 8;
    std::vector<std::string> env;
    for (; word(img, p); p += 8) env.push_back(str(img, word(img, p)));
    EXPECT_EQ(env, (std::vector<std::string>{"HOME=/", "TERM=linux"}));
    p += 8;
    std::vector<std::pair<u64, u64>> av;
    for (;; p += 16) {
        av.push_back({word(img, p), word(img, p + 8)});
        if (word(img, p) == AT_NULL) break;
    }
    ASSERT_EQ(av.size(), 5u);
    EXPECT_EQ(av[0], (std::pair<u64, u64>{AT_PAGESZ, 4096}));
    EXPECT_EQ(av[1].second, img.random_addr);
    EXPECT_EQ(0, std::memcmp(img.buffer + (img.random_addr - img.sp), rnd, 16));
    EXPECT_EQ(str(img, av[2].second), "/bin/prog");
    EXPECT_EQ(str(img, av[3].second), "x86_64");
    // The executable name sits just below the NULL word at the very top.
    EXPECT_EQ(img.execfn_addr, kTop - 8 - sizeof("/bin/prog"));
    EXPECT_EQ(word(img, kTop - 8), 0u);
    // argv strings are contiguous and end where the environment strings begin.
    EXPECT_EQ(img.argv_end, img.envp_start);
    EXPECT_EQ(img.argv_end - img.argv_start, sizeof("/bin/prog") + sizeof("-x") + 1);
}

TEST(InitialStack, TooSmallIsE2big) {
    std::vector<u8> scratch(256);
    std::string big(1000, 'a');
    StringView argv[] = {StringView(big.c_str())};
    u8 rnd[16] = {};
    auto r = build_initial_stack(Span<u8>(scratch.data(), scratch.size()), kTop, Span<const StringView>(argv, 1),
                                 Span<const StringView>(), "x", rnd, Span<const AuxEntry>(), 0);
    EXPECT_EQ(r.error_code(), E2BIG);
}
