// SPDX-License-Identifier: MIT
// Reference counts on physical pages shared between mappings (copy-on-write after fork, page
// cache pages mapped by processes). A page from pmm_alloc starts at 1; the last unref frees it.
#pragma once

#include "lib/types.h"

void page_ref(PhysAddr p);
void page_unref(PhysAddr p);
u32 page_refcount(PhysAddr p);
// A zero-filled page with refcount 1, or ENOMEM.
#include "lib/result.h"
Result<PhysAddr> page_alloc_zeroed();
// The shared all-zero page (never freed): read faults on anonymous memory map it.
PhysAddr zero_page();
