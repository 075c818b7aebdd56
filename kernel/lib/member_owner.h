// SPDX-License-Identifier: MIT
// The object that holds an embedded member (intrusive containers store only the member).
#pragma once

#include "lib/types.h"

template <typename T, typename M>
T* member_owner(M* member, M T::*which) {
    // Member offset from a fake, suitably aligned address (no null dereference).
    constexpr uptr kFake = 0x1000;
    auto off = reinterpret_cast<uptr>(&(reinterpret_cast<T*>(kFake)->*which)) - kFake;
    return reinterpret_cast<T*>(reinterpret_cast<char*>(member) - off);
}
