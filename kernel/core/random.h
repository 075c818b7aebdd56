// SPDX-License-Identifier: MIT
// The kernel's cryptographically secure random numbers: /dev/random, /dev/urandom, getrandom(2),
// AT_RANDOM and ASLR draw from here. A ChaCha20 generator per CPU with fast key erasure (each
// request ends by replacing the key with generator output, so a later compromise of the state
// does not reveal earlier output), seeded from RDSEED/RDRAND mixed with timing, and reseeded from
// the hardware every kReseedBytes. Callable from any context (it only disables interrupts).
#pragma once

#include "lib/types.h"

void random_bytes(void* buf, usize n);
u64 random_u64();
// False when no hardware random source was found (the seed then rests on timing jitter alone).
bool random_has_hw_source();
