// SPDX-License-Identifier: MIT
// Linux native AIO (io_setup and friends, kernel/aio/): what the rest of the kernel calls.
#pragma once

#include "lib/types.h"

class AddressSpace;

// linux: exit_aio(): the address space is being destroyed; its AIO contexts go with it (their
// requests are cancelled, aio-nr gives their reservation back). Cheap when AIO was never used.
void aio_address_space_gone(AddressSpace* mm);
