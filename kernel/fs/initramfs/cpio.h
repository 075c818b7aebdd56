// SPDX-License-Identifier: MIT
// A reader for cpio "newc" archives (magic 070701, and 070702 whose entries carry a checksum of
// their data), the initramfs format. It never reads outside [data, data + size): every field is
// checked against what is left, and a corrupt archive yields EINVAL with a message and the offset
// of the offending header. Concatenated archives (zero padding between them) are read as one.
// Pure: host-tested (tests/host/cpio_test.cpp).
#pragma once

#include "lib/result.h"
#include "lib/string_view.h"

struct CpioEntry {
    StringView name;        // as stored (may start with "./" or "/"), without the NUL
    u32 ino, mode, uid, gid, nlink, mtime;
    u32 dev_major, dev_minor, rdev_major, rdev_minor;
    const u8* data;         // file contents or symlink target, data_size bytes
    usize data_size;
    usize offset;           // of the entry's header in the archive
};

class CpioReader {
public:
    static constexpr usize kHeaderSize = 110;

    CpioReader(const u8* data, usize size) : m_data(data), m_size(size) {}

    // The next entry (true), or false at the end: after the last archive's TRAILER!!! (trailing
    // zero padding allowed), or at the end of the data. EINVAL on a corrupt archive: error() and
    // error_offset() say what and where; the reader then stays at the error.
    Result<bool> next(CpioEntry& e);

    const char* error() const { return m_error; }
    usize error_offset() const { return m_error_offset; }
    usize offset() const { return m_pos; }
    // Archives fully read (one per TRAILER!!!).
    unsigned archives() const { return m_archives; }
    // Set when non-zero bytes that are not an archive follow the last trailer (they are ignored).
    bool trailing_junk() const { return m_trailing_junk; }

    // "newc" magic at p (070701 or 070702), given at least 6 bytes.
    static bool has_magic(const u8* p, usize n);

private:
    Result<void> read_entry(CpioEntry& e);
    Error fail(const char* what, usize offset);
    bool hex_field(const u8* p, u32& out) const;

    const u8* m_data;
    usize m_size;
    usize m_pos = 0;
    const char* m_error = nullptr;
    usize m_error_offset = 0;
    unsigned m_archives = 0;
    bool m_after_trailer = false;
    bool m_trailing_junk = false;
    bool m_failed = false;
};
