// SPDX-License-Identifier: MIT
#include "fs/vfs/dirent.h"

#include "abi/linux/fs_abi.h"

usize dirent64_pack(u8* out, u64 ino, i64 off, u8 type, StringView name) {
    usize len = dirent64_reclen(name.length());
    __builtin_memset(out, 0, len);
    linux_dirent64 hdr;
    hdr.d_ino = ino;
    hdr.d_off = off;
    hdr.d_reclen = static_cast<u16>(len);
    hdr.d_type = type;
    __builtin_memcpy(out, &hdr, offsetof(linux_dirent64, d_name));
    __builtin_memcpy(out + offsetof(linux_dirent64, d_name), name.data(), name.length());
    return len;
}

bool dir_emit_dots(u64& pos, DirSink& sink, u64 self_ino, u64 parent_ino) {
    constexpr u8 kDir = kDtDir;
    if (pos == 0) {
        if (!sink.emit(".", self_ino, kDir, 1)) return false;
        pos = 1;
    }
    if (pos == 1) {
        if (!sink.emit("..", parent_ino, kDir, 2)) return false;
        pos = 2;
    }
    return true;
}
