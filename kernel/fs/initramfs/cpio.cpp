// SPDX-License-Identifier: MIT
#include "fs/initramfs/cpio.h"

#include "fs/vfs/path.h"

namespace {
constexpr usize align4(usize v) { return (v + 3) & ~usize(3); }
constexpr StringView kTrailer("TRAILER!!!");
}  // namespace

bool CpioReader::has_magic(const u8* p, usize n) {
    return n >= 6 && __builtin_memcmp(p, "07070", 5) == 0 && (p[5] == '1' || p[5] == '2');
}

Error CpioReader::fail(const char* what, usize offset) {
    m_error = what;
    m_error_offset = offset;
    m_failed = true;
    return Error(EINVAL);
}

bool CpioReader::hex_field(const u8* p, u32& out) const {
    u32 v = 0;
    for (int i = 0; i < 8; i++) {
        u8 c = p[i];
        u32 d;
        if (c >= '0' && c <= '9') d = c - '0';
        else if (c >= 'a' && c <= 'f') d = c - 'a' + 10;
        else if (c >= 'A' && c <= 'F') d = c - 'A' + 10;
        else return false;
        v = (v << 4) | d;
    }
    out = v;
    return true;
}

Result<bool> CpioReader::next(CpioEntry& e) {
    if (m_failed) return Error(EINVAL);
    for (;;) {
        if (m_after_trailer) {
            // Between concatenated archives (and after the last one) only zero padding may come.
            while (m_pos < m_size && m_data[m_pos] == 0) m_pos++;
            if (m_pos == m_size) return false;
            if (!has_magic(m_data + m_pos, m_size - m_pos)) {
                m_trailing_junk = true;
                return false;
            }
            // linux: init/initramfs.c do_reset(): a following archive starts 4-aligned.
            if (m_pos & 3) return fail("broken padding before the next archive", m_pos);
            m_after_trailer = false;
        }
        if (m_pos == m_size) {
            if (m_pos == 0) return fail("empty archive", 0);
            return fail("archive ends without TRAILER!!!", m_pos);
        }
        TRY(read_entry(e));
        if (e.name == kTrailer) {
            m_archives++;
            m_after_trailer = true;
            continue;
        }
        return true;
    }
}

Result<void> CpioReader::read_entry(CpioEntry& e) {
    usize start = m_pos;
    usize left = m_size - start;
    const u8* h = m_data + start;
    if (left < kHeaderSize) {
        usize n = left < 5 ? left : 5;
        if (__builtin_memcmp(h, "07070", n) == 0 && (left <= 5 || h[5] == '1' || h[5] == '2'))
            return fail("truncated header", start);
        return fail("no cpio newc magic (070701/070702)", start);
    }
    if (!has_magic(h, left)) return fail("no cpio newc magic (070701/070702)", start);
    bool with_crc = h[5] == '2';

    u32 f[13];
    static const char* const kFieldErrors[13] = {
        "bad hex digit in c_ino",       "bad hex digit in c_mode",      "bad hex digit in c_uid",
        "bad hex digit in c_gid",       "bad hex digit in c_nlink",     "bad hex digit in c_mtime",
        "bad hex digit in c_filesize",  "bad hex digit in c_devmajor",  "bad hex digit in c_devminor",
        "bad hex digit in c_rdevmajor", "bad hex digit in c_rdevminor", "bad hex digit in c_namesize",
        "bad hex digit in c_check",
    };
    for (int i = 0; i < 13; i++)
        if (!hex_field(h + 6 + 8 * i, f[i])) return fail(kFieldErrors[i], start);

    u32 namesize = f[11];
    u32 filesize = f[6];
    if (namesize == 0) return fail("zero name size", start);
    if (namesize > kPathMax) return fail("name longer than PATH_MAX", start);
    if (namesize > left - kHeaderSize) return fail("name runs past the end of the archive", start);
    const char* name = reinterpret_cast<const char*>(h + kHeaderSize);
    if (name[namesize - 1] != '\0') return fail("name not NUL-terminated", start);
    usize name_len = 0;
    while (name[name_len] != '\0') name_len++;

    usize data_off = align4(kHeaderSize + namesize);   // relative to start (headers are 4-aligned)
    if (data_off > left) return fail("name padding runs past the end of the archive", start);
    if (filesize > left - data_off) return fail("file data runs past the end of the archive", start);
    const u8* data = h + data_off;

    if (with_crc) {
        u32 sum = 0;
        for (u32 i = 0; i < filesize; i++) sum += data[i];
        if (sum != f[12]) return fail("data checksum mismatch (070702)", start);
    }

    // The padding after the data may be cut off at the very end of the archive.
    usize padded = align4(data_off + filesize);
    m_pos = start + (padded <= left ? padded : left);

    e.name = StringView(name, name_len);
    e.ino = f[0];
    e.mode = f[1];
    e.uid = f[2];
    e.gid = f[3];
    e.nlink = f[4];
    e.mtime = f[5];
    e.dev_major = f[7];
    e.dev_minor = f[8];
    e.rdev_major = f[9];
    e.rdev_minor = f[10];
    e.data = data;
    e.data_size = filesize;
    e.offset = start;
    return {};
}
