// SPDX-License-Identifier: MIT
// devpts mount options (linux: fs/devpts/inode.c, devpts_parse_param): uid=, gid= (owner of new
// slave nodes; the creator's fsuid/fsgid by default), mode= (their permission bits, 0600),
// ptmxmode= (of the ptmx node, 0000), max= (accepted, unused) and newinstance (every mount shows
// the one instance here, so it changes nothing). Pure logic, host-tested.
#pragma once

#include "lib/result.h"
#include "lib/string_view.h"

struct DevptsOptions {
    bool set_uid = false, set_gid = false;
    u32 uid = 0, gid = 0;
    u32 mode = 0600;
    u32 ptmxmode = 0;
};

// Parses a mount(2) data string (may be null: defaults). EINVAL for an unknown option or a bad
// value, as Linux's "devpts: Unknown parameter".
Result<DevptsOptions> devpts_parse_options(const char* data);
