// SPDX-License-Identifier: MIT
// The VmObject of a private file mapping (ELF segments, mmap of a file with MAP_PRIVATE).
#pragma once

#include "fs/vfs/file.h"
#include "mm/vm_object.h"

Result<RefPtr<VmObject>> file_private_object(RefPtr<File> file);
