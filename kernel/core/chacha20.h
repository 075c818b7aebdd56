// SPDX-License-Identifier: MIT
// The ChaCha20 block function (RFC 8439, section 2.3): 32-byte key, 32-bit block counter,
// 12-byte nonce, 64 bytes of key stream per block. The kernel CSPRNG (core/random.cpp) is built
// on it. Pure and header-only: host-tested against the RFC's test vectors.
#pragma once

#include "lib/types.h"

namespace chacha20 {

constexpr u32 rotl(u32 v, int n) { return (v << n) | (v >> (32 - n)); }

constexpr void quarter_round(u32& a, u32& b, u32& c, u32& d) {
    a += b; d ^= a; d = rotl(d, 16);
    c += d; b ^= c; b = rotl(b, 12);
    a += b; d ^= a; d = rotl(d, 8);
    c += d; b ^= c; b = rotl(b, 7);
}

inline u32 load_le32(const u8* p) {
    return u32(p[0]) | (u32(p[1]) << 8) | (u32(p[2]) << 16) | (u32(p[3]) << 24);
}

// Writes the 64-byte block for (key, counter, nonce) to out.
inline void block(const u8 key[32], u32 counter, const u8 nonce[12], u8 out[64]) {
    u32 s[16];
    s[0] = 0x61707865;   // "expand 32-byte k"
    s[1] = 0x3320646e;
    s[2] = 0x79622d32;
    s[3] = 0x6b206574;
    for (int i = 0; i < 8; i++) s[4 + i] = load_le32(key + 4 * i);
    s[12] = counter;
    for (int i = 0; i < 3; i++) s[13 + i] = load_le32(nonce + 4 * i);
    u32 x[16];
    for (int i = 0; i < 16; i++) x[i] = s[i];
    for (int round = 0; round < 10; round++) {
        quarter_round(x[0], x[4], x[8], x[12]);
        quarter_round(x[1], x[5], x[9], x[13]);
        quarter_round(x[2], x[6], x[10], x[14]);
        quarter_round(x[3], x[7], x[11], x[15]);
        quarter_round(x[0], x[5], x[10], x[15]);
        quarter_round(x[1], x[6], x[11], x[12]);
        quarter_round(x[2], x[7], x[8], x[13]);
        quarter_round(x[3], x[4], x[9], x[14]);
    }
    for (int i = 0; i < 16; i++) {
        u32 v = x[i] + s[i];
        out[4 * i] = static_cast<u8>(v);
        out[4 * i + 1] = static_cast<u8>(v >> 8);
        out[4 * i + 2] = static_cast<u8>(v >> 16);
        out[4 * i + 3] = static_cast<u8>(v >> 24);
    }
    // The working state held key material.
    __builtin_memset(x, 0, sizeof(x));
    __builtin_memset(s, 0, sizeof(s));
}

}  // namespace chacha20
