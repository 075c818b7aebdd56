// SPDX-License-Identifier: MIT
// File seals (memfd_create's MFD_ALLOW_SEALING files; every tmpfs file reports F_SEAL_SEAL).
#pragma once

#include "lib/result.h"

class File;

// fcntl F_GET_SEALS / F_ADD_SEALS (arg: the seals to add). EINVAL for files without seals.
Result<long> file_seals_fcntl(File& f, unsigned cmd, u64 arg);
