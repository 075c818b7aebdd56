// SPDX-License-Identifier: MIT
#include "core/random.h"

#include "arch/cpu.h"
#include "arch/random.h"
#include "core/chacha20.h"
#include "core/log.h"
#include "core/percpu.h"

namespace {

constexpr usize kReseedBytes = 1u << 20;
constexpr usize kChunk = 256;   // bytes produced per interrupts-off section

struct CpuGenerator {
    u8 key[32];
    u64 generation;      // distinct nonce per request, so no (key, nonce) pair repeats
    usize since_reseed;
    bool seeded;
};

constinit CpuGenerator g_gen[kMaxCpus] = {};
constinit bool g_hw_checked = false;
constinit bool g_hw_present = false;

// XORs fresh entropy into the key: hardware words when there are any, and always the counter.
void mix_entropy(CpuGenerator& g, unsigned cpu) {
    u64 words[4];
    bool hw = true;
    for (u64& w : words) {
        if (!arch::hw_random_u64(w)) {
            hw = false;
            // Timing jitter between counter reads: weak, but better than a constant.
            w = 0;
            for (int i = 0; i < 64; i++) w = (w << 1 | w >> 63) ^ arch::entropy_counter();
        }
    }
    if (!g_hw_checked) {
        g_hw_checked = true;
        g_hw_present = hw;
    }
    words[0] ^= arch::entropy_counter();
    words[1] ^= (u64(cpu) << 32) ^ g.generation;
    for (usize i = 0; i < 32; i++) g.key[i] ^= static_cast<u8>(words[i / 8] >> (8 * (i % 8)));
    volatile u64* wipe = words;
    for (int i = 0; i < 4; i++) wipe[i] = 0;
    g.since_reseed = 0;
    g.seeded = true;
}

// Fills out (n <= kChunk) and rekeys. Interrupts are off: the per-CPU state is ours alone.
void generate(CpuGenerator& g, unsigned cpu, u8* out, usize n) {
    if (!g.seeded || g.since_reseed >= kReseedBytes) mix_entropy(g, cpu);
    u8 nonce[12] = {};
    u64 gen = g.generation++;
    for (int i = 0; i < 8; i++) nonce[i] = static_cast<u8>(gen >> (8 * i));
    nonce[8] = static_cast<u8>(cpu);
    u8 block[64];
    // Block 0 supplies the next key; blocks 1.. the output.
    chacha20::block(g.key, 0, nonce, block);
    __builtin_memcpy(g.key, block, 32);
    usize done = 0;
    for (u32 counter = 1; done < n; counter++) {
        chacha20::block(g.key, counter, nonce, block);
        usize take = min(n - done, usize(64));
        __builtin_memcpy(out + done, block, take);
        done += take;
    }
    volatile u8* wipe = block;
    for (usize i = 0; i < sizeof(block); i++) wipe[i] = 0;
    g.since_reseed += n;
}

}  // namespace

void random_bytes(void* buf, usize n) {
    u8* out = static_cast<u8*>(buf);
    while (n) {
        usize take = min(n, kChunk);
        arch::IrqState s = arch::irq_save();
        PerCpu* cpu = this_cpu_or_null();
        unsigned id = cpu ? cpu->id : 0;
        generate(g_gen[id], id, out, take);
        arch::irq_restore(s);
        out += take;
        n -= take;
    }
}

u64 random_u64() {
    u64 v;
    random_bytes(&v, sizeof(v));
    return v;
}

bool random_has_hw_source() {
    if (!g_hw_checked) random_u64();
    return g_hw_present;
}
