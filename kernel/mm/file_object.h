// SPDX-License-Identifier: MIT
// The VmObject of a file mapping (ELF segments, mmap of a file, private or shared): the file's
// page cache, seen through the open file that was mapped (its path names the mapping).
#pragma once

#include "fs/vfs/file.h"
#include "mm/vm_object.h"

// ENODEV when the file has no page cache (it cannot be mapped).
Result<RefPtr<VmObject>> file_mapping_object(RefPtr<File> file);
