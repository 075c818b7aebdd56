// SPDX-License-Identifier: MIT
#include "fs/devpts/devpts_options.h"

Result<DevptsOptions> devpts_parse_options(const char* data) {
    DevptsOptions o;
    if (!data) return o;
    StringView rest(data), key, val;
    bool has_val;
    while (next_mount_option(rest, key, val, has_val)) {
        u64 v;
        if (key == "uid" || key == "gid") {
            if (!parse_u64(val, v) || v > 0xfffffffe) return Error(EINVAL);
            (key == "uid" ? o.uid : o.gid) = static_cast<u32>(v);
            (key == "uid" ? o.set_uid : o.set_gid) = true;
        } else if (key == "mode") {
            if (!parse_octal_mode(val, o.mode)) return Error(EINVAL);
            o.mode &= 0777;
        } else if (key == "ptmxmode") {
            if (!parse_octal_mode(val, o.ptmxmode)) return Error(EINVAL);
            o.ptmxmode &= 0777;
        } else if (key == "max") {
            if (!parse_u64(val, v)) return Error(EINVAL);
        } else if (key != "newinstance" || has_val) {
            return Error(EINVAL);
        }
    }
    return o;
}
