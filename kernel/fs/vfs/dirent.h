// SPDX-License-Identifier: MIT
// getdents64 records laid out exactly as Linux does (struct linux_dirent64), and the callback
// interface through which file systems list directories. Pure: host-tested.
#pragma once

#include "lib/string_view.h"

// Receives directory entries from Inode::iterate. next_pos is the position just after this
// entry: it becomes the record's d_off and the file position once the entry is consumed.
// Returning false stops the listing (no room); the entry is then not consumed.
class DirSink {
public:
    virtual bool emit(StringView name, u64 ino, u8 d_type, u64 next_pos) = 0;

protected:
    ~DirSink() = default;
};

// struct linux_dirent64 (not in the UAPI headers): d_ino at 0, d_off at 8, then these.
constexpr usize kDirent64ReclenOff = 16;   // u16
constexpr usize kDirent64TypeOff = 18;     // u8
constexpr usize kDirent64NameOff = 19;

// The record length for a name: offsetof(d_name) + len + 1, rounded up to 8.
constexpr usize dirent64_reclen(usize name_len) { return (kDirent64NameOff + name_len + 1 + 7) & ~usize(7); }

// Writes one record at out (which has room for dirent64_reclen(name.length()) bytes); the padding
// is zeroed. Returns the record length.
usize dirent64_pack(u8* out, u64 ino, i64 off, u8 type, StringView name);

// Emits "." (position 0) and ".." (position 1) when pos is below 2; returns false when the sink
// is full. Directory listings then continue at position 2.
bool dir_emit_dots(u64& pos, DirSink& sink, u64 self_ino, u64 parent_ino);
