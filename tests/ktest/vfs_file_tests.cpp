// SPDX-License-Identifier: MIT
// VFS ktests for open files: open flags, read/write/pread/pwrite, lseek (SEEK_DATA/SEEK_HOLE),
// sparse files, truncate, 1 MiB data integrity, getdents64 through small buffers with stable
// cookies, and stat/statx/statfs.
#include "mm/kheap.h"
#include "vfs_test_util.h"

using namespace vfs_test;

KTEST(vfs_open_flags, "vfs.open_flags") {
    Scratch s("open");
    KASSERT(s.ok);
    WalkContext c = s.ctx();
    KASSERT(vfs_mkdir(c, "dir", 0755).is_ok());
    auto f = open(c, "file", O_CREAT | O_EXCL | O_RDWR, 0640);
    KASSERT(f.is_ok());
    KEXPECT_EQ(f.value()->inode().mode(), u32(S_IFREG | 0640));
    KEXPECT_EQ(f.value()->flags() & (O_CREAT | O_EXCL), 0u);   // creation flags are not kept
    KEXPECT_EQ(err(open(c, "file", O_CREAT | O_EXCL | O_RDWR)), EEXIST);
    KEXPECT_EQ(err(open(c, "missing", O_RDONLY)), ENOENT);
    KEXPECT_EQ(err(open(c, "", O_RDONLY)), ENOENT);
    KEXPECT_EQ(err(open(c, "file", O_RDONLY | O_DIRECTORY)), ENOTDIR);
    KEXPECT_EQ(err(open(c, "dir", O_WRONLY)), EISDIR);
    KEXPECT_EQ(err(open(c, "dir", O_RDWR)), EISDIR);
    KEXPECT_EQ(err(open(c, "dir", O_CREAT | O_RDONLY)), EISDIR);
    KEXPECT_EQ(err(open(c, "dir/", O_CREAT | O_RDONLY)), EISDIR);
    KEXPECT_EQ(err(open(c, "new/", O_CREAT | O_WRONLY)), EISDIR);
    KEXPECT_EQ(err(open(c, "new", O_CREAT | O_DIRECTORY | O_RDONLY)), EINVAL);
    KEXPECT_EQ(err(open(c, "file/", O_RDONLY)), ENOTDIR);
    {
        // O_TMPFILE: a regular file with no name in the directory; write access required.
        auto t = open(c, "dir", O_TMPFILE | O_RDWR, 0600);
        KASSERT(t.is_ok());
        KEXPECT_EQ(t.value()->inode().mode(), u32(S_IFREG | 0600));
        KEXPECT_EQ(t.value()->inode().nlink(), 0u);
        KEXPECT_EQ(err(open(c, "dir", O_TMPFILE | O_RDONLY)), EINVAL);
        KEXPECT_EQ(err(open(c, "file", O_TMPFILE | O_RDWR)), ENOTDIR);
    }
    KEXPECT(open(c, "dir", O_RDONLY | O_DIRECTORY).is_ok());
    // Access modes are enforced on the description.
    KASSERT(write_str(*f.value(), "hello").is_ok());
    auto ro = open(c, "file", O_RDONLY);
    KASSERT(ro.is_ok());
    KEXPECT_EQ(err(write_str(*ro.value(), "x")), EBADF);
    KEXPECT_EQ(err(ro.value()->truncate(0)), EINVAL);
    auto wo = open(c, "file", O_WRONLY);
    char buf[16];
    KEXPECT_EQ(err(wo.value()->read(IoBuffer::kernel(buf, 4))), EBADF);
    auto po = open(c, "file", O_PATH | O_RDWR);
    KASSERT(po.is_ok());
    KEXPECT_EQ(err(po.value()->read(IoBuffer::kernel(buf, 4))), EBADF);
    KEXPECT_EQ(err(po.value()->lseek(0, SEEK_SET)), EBADF);
    // O_TRUNC empties and touches the times; O_APPEND writes at the end whatever the offset.
    Inode& in = *resolve(c, "file").value().inode();
    in.set_mtime(Timespec{10, 0});
    KASSERT(open(c, "file", O_WRONLY | O_TRUNC).is_ok());
    KEXPECT_EQ(in.size(), 0u);
    KEXPECT(in.mtime().sec > 10);
    KASSERT(put_file(c, "file", "12345").is_ok());
    auto ap = open(c, "file", O_WRONLY | O_APPEND);
    KASSERT(ap.is_ok());
    KASSERT(ap.value()->lseek(0, SEEK_SET).is_ok());
    KASSERT(write_str(*ap.value(), "67").is_ok());
    KEXPECT_EQ(ap.value()->offset(), 7u);
    KEXPECT(file_is(c, "file", "1234567"));
    // fcntl(F_SETFL) changes only the status flags.
    ap.value()->set_status_flags(O_NONBLOCK | O_RDWR);
    KEXPECT_EQ(ap.value()->flags() & (O_APPEND | O_NONBLOCK | O_ACCMODE), u32(O_NONBLOCK | O_WRONLY));
    // Reading a directory: EISDIR; getdents on a file: ENOTDIR.
    auto d = open(c, "dir", O_RDONLY);
    KEXPECT_EQ(err(d.value()->read(IoBuffer::kernel(buf, 4))), EISDIR);
    KEXPECT_EQ(err(ro.value()->getdents64(IoBuffer::kernel(buf, sizeof(buf)))), ENOTDIR);
    KEXPECT_EQ(err(ro.value()->ioctl(0x5401, 0)), ENOTTY);
    KEXPECT_EQ(ro.value()->poll(), u32(POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM));
    KEXPECT(ro.value()->wait_queue() == nullptr);
}

KTEST(vfs_rw_lseek, "vfs.read_write_lseek") {
    Scratch s("rw");
    KASSERT(s.ok);
    WalkContext c = s.ctx();
    auto f = open(c, "f", O_CREAT | O_RDWR);
    KASSERT(f.is_ok());
    File& file = *f.value();
    KASSERT(write_str(file, "abcdefghij").is_ok());
    KEXPECT_EQ(file.offset(), 10u);
    char buf[32];
    KEXPECT_EQ(file.read(IoBuffer::kernel(buf, sizeof(buf))).value(), 0u);   // at EOF
    KEXPECT_EQ(file.lseek(2, SEEK_SET).value(), 2u);
    KEXPECT_EQ(file.read(IoBuffer::kernel(buf, 3)).value(), 3u);
    KEXPECT(StringView(buf, 3) == StringView("cde"));
    KEXPECT_EQ(file.lseek(0, SEEK_CUR).value(), 5u);
    KEXPECT_EQ(file.lseek(-3, SEEK_END).value(), 7u);
    KEXPECT_EQ(err(file.lseek(-100, SEEK_CUR)), EINVAL);
    KEXPECT_EQ(file.offset(), 7u);   // a failed lseek leaves the offset
    KEXPECT_EQ(err(file.lseek(0, 99)), EINVAL);
    KEXPECT_EQ(err(file.lseek(0x7fffffffffffffffll, SEEK_END)), EINVAL);
    KEXPECT_EQ(file.lseek(100, SEEK_SET).value(), 100u);   // past the end is allowed
    // pread/pwrite leave the offset alone.
    KEXPECT_EQ(file.pread(IoBuffer::kernel(buf, 4), 6).value(), 4u);
    KEXPECT(StringView(buf, 4) == StringView("ghij"));
    KEXPECT_EQ(file.pwrite(IoBuffer::kernel(const_cast<char*>("XY"), 2), 1).value(), 2u);
    KEXPECT_EQ(file.offset(), 100u);
    KEXPECT_EQ(err(file.pread(IoBuffer::kernel(buf, 4), u64(-1))), EINVAL);
    KEXPECT_EQ(err(file.pwrite(IoBuffer::kernel(buf, 4), 0x7ffffffffffffffeull)), EINVAL);
    KEXPECT(file_is(c, "f", "aXYdefghij"));
    // SEEK_DATA / SEEK_HOLE: tmpfs reports the whole file as data.
    KEXPECT_EQ(file.lseek(3, SEEK_DATA).value(), 3u);
    KEXPECT_EQ(file.lseek(3, SEEK_HOLE).value(), 10u);
    KEXPECT_EQ(err(file.lseek(10, SEEK_DATA)), ENXIO);
    KEXPECT_EQ(err(file.lseek(-1, SEEK_HOLE)), ENXIO);
    // Writes update mtime and ctime.
    Inode& in = file.inode();
    in.set_mtime(Timespec{1, 0});
    in.set_ctime(Timespec{1, 0});
    KASSERT(file.pwrite(IoBuffer::kernel(buf, 1), 0).is_ok());
    KEXPECT(in.mtime().sec > 1 && in.ctime().sec > 1);
    // A read into an unmapped user address faults cleanly.
    KEXPECT_EQ(err(file.pread(IoBuffer::user(0x1000, 4), 0)), EFAULT);
    KEXPECT_EQ(err(file.pwrite(IoBuffer::user(0xffff800000000000ull, 4), 0)), EFAULT);
    KEXPECT(file_is(c, "f", "aXYdefghij") || in.size() == 10);
}

KTEST(vfs_sparse_truncate, "vfs.sparse_and_truncate") {
    Scratch s("sparse");
    KASSERT(s.ok);
    WalkContext c = s.ctx();
    auto f = open(c, "sparse", O_CREAT | O_RDWR);
    KASSERT(f.is_ok());
    File& file = *f.value();
    Inode& in = file.inode();
    constexpr u64 kFar = (1u << 20) + 5;
    KASSERT(file.pwrite(IoBuffer::kernel(const_cast<char*>("Z"), 1), kFar).is_ok());
    KEXPECT_EQ(in.size(), kFar + 1);
    KEXPECT_EQ(in.blocks(), 8u);   // one page, however large the file
    static u8 buf[8192];
    __builtin_memset(buf, 0xee, sizeof(buf));
    KEXPECT_EQ(file.pread(IoBuffer::kernel(buf, sizeof(buf)), 4096 * 3 + 7).value(), sizeof(buf));
    bool zeros = true;
    for (u8 b : buf) zeros &= b == 0;
    KEXPECT(zeros);
    KEXPECT_EQ(file.pread(IoBuffer::kernel(buf, 10), kFar - 2).value(), 3u);
    KEXPECT(buf[0] == 0 && buf[1] == 0 && buf[2] == 'Z');
    // Very far out: a write at 2^40 and reading near 2^62 (a hole beyond the end: EOF).
    KASSERT(file.pwrite(IoBuffer::kernel(const_cast<char*>("far"), 3), u64(1) << 40).is_ok());
    KEXPECT_EQ(in.size(), (u64(1) << 40) + 3);
    KEXPECT_EQ(file.pread(IoBuffer::kernel(buf, 10), u64(1) << 62).value(), 0u);
    // Truncate down inside a page, then back up: the bytes in between read as zeros.
    KASSERT(file.pwrite(IoBuffer::kernel(const_cast<char*>("0123456789"), 10), 4090).is_ok());
    KASSERT(file.truncate(4095).is_ok());
    KEXPECT_EQ(in.size(), 4095u);
    KEXPECT_EQ(in.blocks(), 8u);   // the pages past 4095 are gone
    KASSERT(file.truncate(5000).is_ok());
    KEXPECT_EQ(file.pread(IoBuffer::kernel(buf, 12), 4090).value(), 12u);
    KEXPECT(StringView(reinterpret_cast<char*>(buf), 5) == StringView("01234"));
    bool tail_zero = true;
    for (int i = 5; i < 12; i++) tail_zero &= buf[i] == 0;
    KEXPECT(tail_zero);
    KASSERT(file.truncate(0).is_ok());
    KEXPECT_EQ(in.blocks(), 0u);
    KEXPECT_EQ(file.pread(IoBuffer::kernel(buf, 10), 0).value(), 0u);
    // truncate(2) semantics: EISDIR on a directory, EINVAL for negative sizes; times move.
    Credentials root = kernel_credentials();
    KASSERT(vfs_mkdir(c, "d", 0755).is_ok());
    KEXPECT_EQ(err(vfs_truncate(root, *resolve(c, "d").value().inode(), nullptr, 0, nullptr)), EISDIR);
    KEXPECT_EQ(err(vfs_truncate(root, in, nullptr, u64(-1), nullptr)), EINVAL);
    in.set_mtime(Timespec{3, 0});
    KASSERT(vfs_truncate(root, in, nullptr, 100, nullptr).is_ok());
    KEXPECT_EQ(in.size(), 100u);
    KEXPECT(in.mtime().sec > 3);
    in.set_mtime(Timespec{3, 0});
    KASSERT(vfs_truncate(root, in, nullptr, 100, nullptr).is_ok());
    KEXPECT_EQ(in.mtime().sec, 3);   // no size change, no time change
    // The size limit of a small tmpfs: ENOSPC once the pages run out, statfs says so.
    Scratch small("sparse-small", "size=64k");
    KASSERT(small.ok);
    WalkContext sc = small.ctx();
    auto big = open(sc, "big", O_CREAT | O_RDWR);
    KASSERT(big.is_ok());
    static u8 chunk[4096];
    usize written = 0;
    int e = 0;
    for (int i = 0; i < 40 && !e; i++) {
        auto r = big.value()->write(IoBuffer::kernel(chunk, sizeof(chunk)));
        if (r.is_error()) e = r.error_code();
        else written += r.value();
    }
    KEXPECT_EQ(e, ENOSPC);
    KEXPECT(written >= 8 * 4096 && written <= 16 * 4096);
    struct statfs sf;
    fill_statfs(big.value()->inode().sb(), nullptr, sf);
    KEXPECT_EQ(sf.f_blocks, 16);
    KEXPECT_EQ(sf.f_bfree, 0);
    KASSERT(big.value()->truncate(0).is_ok());
    fill_statfs(big.value()->inode().sb(), nullptr, sf);
    KEXPECT(sf.f_bfree >= 15);
    big.value() = nullptr;
}

KTEST(vfs_integrity, "vfs.data_integrity_1mib") {
    Scratch s("integrity");
    KASSERT(s.ok);
    WalkContext c = s.ctx();
    constexpr usize kSize = 1 << 20;
    auto* src = static_cast<u8*>(kmalloc(kSize));
    auto* dst = static_cast<u8*>(kmalloc(kSize));
    KASSERT(src && dst);
    u64 x = 88172645463325252ull;
    for (usize i = 0; i < kSize; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        src[i] = static_cast<u8>(x);
    }
    auto f = open(c, "big", O_CREAT | O_RDWR);
    KASSERT(f.is_ok());
    // Written in odd-sized pieces that straddle page boundaries...
    usize off = 0, step = 1;
    while (off < kSize) {
        usize n = min(kSize - off, step);
        auto r = f.value()->write(IoBuffer::kernel(src + off, n));
        KASSERT(r.is_ok() && r.value() == n);
        off += n;
        step = step * 3 + 1;
        if (step > 70000) step = 4097;
    }
    KEXPECT_EQ(f.value()->inode().size(), u64(kSize));
    KEXPECT_EQ(f.value()->inode().blocks(), u64(kSize / 512));
    // ...and read back in other pieces, through a second description.
    auto g = open(c, "big", O_RDONLY);
    KASSERT(g.is_ok());
    off = 0;
    step = 4095;
    while (off < kSize) {
        auto r = g.value()->read(IoBuffer::kernel(dst + off, min(kSize - off, step)));
        KASSERT(r.is_ok() && r.value() > 0);
        off += r.value();
        step = step == 4095 ? 12289 : 4095;
    }
    KEXPECT(__builtin_memcmp(src, dst, kSize) == 0);
    // An unaligned overwrite in the middle changes exactly those bytes.
    KASSERT(f.value()->pwrite(IoBuffer::kernel(src, 10000), 300001).is_ok());
    __builtin_memcpy(src + 300001, src, 10000);
    KEXPECT_EQ(g.value()->pread(IoBuffer::kernel(dst, kSize), 0).value(), kSize);
    KEXPECT(__builtin_memcmp(src, dst, kSize) == 0);
    kfree(src);
    kfree(dst);
}

namespace {

struct Listing {
    static constexpr int kMax = 300;
    char names[kMax][40];
    u64 inos[kMax];
    u8 types[kMax];
    i64 offs[kMax];
    int count = 0;
};

// Parses getdents64 records; false on a malformed record.
bool parse_dirents(const u8* buf, usize n, Listing& out) {
    usize off = 0;
    while (off < n) {
        linux_dirent64 d;
        if (n - off < 19) return false;
        __builtin_memcpy(&d, buf + off, 19);
        if (d.d_reclen < 24 || d.d_reclen % 8 || off + d.d_reclen > n) return false;
        const char* name = reinterpret_cast<const char*>(buf + off + 19);
        usize len = __builtin_strlen(name);
        if (19 + len + 1 > d.d_reclen || len >= 40 || out.count == Listing::kMax) return false;
        __builtin_memcpy(out.names[out.count], name, len + 1);
        out.inos[out.count] = d.d_ino;
        out.types[out.count] = d.d_type;
        out.offs[out.count] = d.d_off;
        out.count++;
        off += d.d_reclen;
    }
    return true;
}

// "<i>xxx..." of 1 + i % 30 characters: records of every size.
void entry_name(char* buf, usize size, int i) {
    format(buf, size, "%d", i);
    usize have = __builtin_strlen(buf);
    usize len = 1 + i % 30;
    while (have < len && have + 1 < size) buf[have++] = 'x';
    buf[have] = '\0';
}

int find(const Listing& l, const char* name) {
    for (int i = 0; i < l.count; i++)
        if (StringView(l.names[i]) == StringView(name)) return i;
    return -1;
}

}  // namespace

KTEST(vfs_getdents, "vfs.getdents64_small_buffers") {
    Scratch s("getdents");
    KASSERT(s.ok);
    WalkContext c = s.ctx();
    KASSERT(vfs_mkdir(c, "d", 0755).is_ok());
    char name[64], path[72];
    for (int i = 0; i < 100; i++) {
        entry_name(name, sizeof(name), i);
        format(path, sizeof(path), "d/%s", name);
        KASSERT(put_file(c, path, "").is_ok());
    }
    char n7[40], n50[40];
    entry_name(n7, sizeof(n7), 7);
    entry_name(n50, sizeof(n50), 50);
    KASSERT(vfs_mkdir(c, "d/subdir", 0755).is_ok());
    KASSERT(vfs_symlink("x", c, "d/link").is_ok());
    auto df = open(c, "d", O_RDONLY | O_DIRECTORY);
    KASSERT(df.is_ok());
    File& dir = *df.value();
    static Listing all;
    all.count = 0;
    u8 buf[64];   // fits one or two records at a time
    KEXPECT_EQ(err(dir.getdents64(IoBuffer::kernel(buf, 16))), EINVAL);   // not even one record
    unsigned calls = 0;
    for (;;) {
        auto r = dir.getdents64(IoBuffer::kernel(buf, sizeof(buf)));
        KASSERT(r.is_ok());
        if (r.value() == 0) break;
        KASSERT(parse_dirents(buf, r.value(), all));
        calls++;
    }
    KEXPECT_EQ(all.count, 104);   // . .. 100 files, subdir, link
    KEXPECT(calls >= 52);
    KEXPECT(StringView(all.names[0]) == StringView("."));
    KEXPECT(StringView(all.names[1]) == StringView(".."));
    KEXPECT_EQ(all.inos[0], ino_of(c, "d"));
    KEXPECT_EQ(all.inos[1], ino_of(c, "."));
    KEXPECT_EQ(all.types[0], kDtDir);
    int sub = find(all, "subdir"), link = find(all, "link"), f7 = find(all, n7);
    KASSERT(sub >= 0 && link >= 0 && f7 >= 0);
    KEXPECT_EQ(all.types[sub], kDtDir);
    KEXPECT_EQ(all.types[link], mode_to_dtype(S_IFLNK));
    KEXPECT_EQ(all.types[f7], mode_to_dtype(S_IFREG));
    format(path, sizeof(path), "d/%s", n7);
    KEXPECT_EQ(all.inos[f7], ino_of(c, path));
    // No name twice.
    bool unique = true;
    for (int i = 0; i < all.count; i++)
        for (int j = i + 1; j < all.count; j++) unique &= !(StringView(all.names[i]) == StringView(all.names[j]));
    KEXPECT(unique);
    // d_off cookies are stable: seeking to an entry's d_off resumes right after it, even after
    // other entries were deleted.
    KASSERT(vfs_unlink(c, path).is_ok());
    format(path, sizeof(path), "d/%s", n50);
    KASSERT(vfs_unlink(c, path).is_ok());
    int pick = 40;
    KASSERT(dir.lseek(all.offs[pick], SEEK_SET).is_ok());
    auto r = dir.getdents64(IoBuffer::kernel(buf, sizeof(buf)));
    KASSERT(r.is_ok() && r.value() > 0);
    static Listing next;
    next.count = 0;
    KASSERT(parse_dirents(buf, r.value(), next));
    int expect = pick + 1;
    while (expect < all.count &&
           (StringView(all.names[expect]) == StringView(n7) || StringView(all.names[expect]) == StringView(n50)))
        expect++;
    KEXPECT(StringView(next.names[0]) == StringView(all.names[expect]));
    // A full listing now has the two fewer names, and an entry created now comes last.
    KASSERT(put_file(c, "d/latecomer", "").is_ok());
    KASSERT(dir.lseek(0, SEEK_SET).is_ok());
    static Listing again;
    again.count = 0;
    static u8 big[8192];
    for (;;) {
        auto rr = dir.getdents64(IoBuffer::kernel(big, sizeof(big)));
        KASSERT(rr.is_ok());
        if (!rr.value()) break;
        KASSERT(parse_dirents(big, rr.value(), again));
    }
    KEXPECT_EQ(again.count, 103);
    KEXPECT(StringView(again.names[again.count - 1]) == StringView("latecomer"));
    KEXPECT_EQ(find(again, n7), -1);
    // Directory lseek rules: SEEK_END is EINVAL, negative positions too.
    KEXPECT_EQ(err(dir.lseek(0, SEEK_END)), EINVAL);
    KEXPECT_EQ(err(dir.lseek(-1, SEEK_SET)), EINVAL);
    // A bad buffer: EFAULT when nothing could be written.
    KASSERT(dir.lseek(0, SEEK_SET).is_ok());
    KEXPECT_EQ(err(dir.getdents64(IoBuffer::user(0x1000, 4096))), EFAULT);
}

KTEST(vfs_stat, "vfs.stat_statx_statfs") {
    Scratch s("stat");
    KASSERT(s.ok);
    WalkContext c = s.ctx();
    KASSERT(put_file(c, "f", "12345").is_ok());
    KASSERT(vfs_mknod(c, "tty", S_IFCHR | 0620, make_dev(4, 64)).is_ok());
    Path fp = resolve(c, "f").value();
    Inode& f = *fp.inode();
    struct stat st;
    fill_stat(f, st);
    KEXPECT_EQ(st.st_ino, f.ino());
    KEXPECT_EQ(st.st_size, 5);
    KEXPECT_EQ(st.st_mode, u32(S_IFREG | 0644));
    KEXPECT_EQ(st.st_nlink, 1ul);
    KEXPECT_EQ(st.st_blksize, 4096);
    KEXPECT_EQ(st.st_blocks, 8);
    KEXPECT_EQ(st.st_dev, u64(dev_encode(f.sb().dev())));
    KEXPECT_EQ(dev_major(f.sb().dev()), 0u);   // anonymous device, as Linux's tmpfs
    KEXPECT(st.st_mtime > 1600000000ul);       // the wall clock from the RTC
    struct stat root_st;
    fill_stat(*s.path().inode(), root_st);
    KEXPECT_EQ(root_st.st_dev, st.st_dev);
    KEXPECT(root_st.st_dev != 0);
    struct stat tty;
    fill_stat(*resolve(c, "tty").value().inode(), tty);
    KEXPECT_EQ(tty.st_rdev, 0x440ul);
    KEXPECT_EQ(tty.st_size, 0);
    struct statx sx;
    fill_statx(f, fp.mnt.ptr(), STATX_BASIC_STATS, sx);
    KEXPECT_EQ(sx.stx_mask & STATX_BASIC_STATS, STATX_BASIC_STATS);
    KEXPECT((sx.stx_mask & STATX_MNT_ID) != 0);
    KEXPECT_EQ(sx.stx_mnt_id, u64(fp.mnt->id()));
    KEXPECT_EQ(sx.stx_size, 5u);
    KEXPECT_EQ(sx.stx_mode, u16(S_IFREG | 0644));
    KEXPECT_EQ(sx.stx_dev_minor, dev_minor(f.sb().dev()));
    KEXPECT_EQ(sx.stx_mtime.tv_sec, i64(st.st_mtime));
    struct statfs sf;
    fill_statfs(f.sb(), fp.mnt.ptr(), sf);
    KEXPECT_EQ(sf.f_type, long(TMPFS_MAGIC));
    KEXPECT_EQ(sf.f_bsize, 4096);
    KEXPECT_EQ(sf.f_namelen, 255);
    KEXPECT(sf.f_blocks > 0 && sf.f_bfree <= sf.f_blocks && sf.f_ffree < sf.f_files);
    KEXPECT((sf.f_flags & kStRdonly) == 0);
    // Times: utimensat with UTIME_OMIT / UTIME_NOW, and EINVAL for a bad nanosecond value.
    Timespec t[2] = {{100, 5}, {Timespec{0, kUtimeOmit}}};
    t[1] = Timespec{0, kUtimeOmit};
    i64 mtime_before = f.mtime().sec;
    KASSERT(vfs_utimens(kernel_credentials(), f, nullptr, t, nullptr).is_ok());
    KEXPECT_EQ(f.atime().sec, 100);
    KEXPECT_EQ(f.atime().nsec, 5);
    KEXPECT_EQ(f.mtime().sec, mtime_before);
    Timespec bad[2] = {{0, 1000000000}, {0, 0}};
    KEXPECT_EQ(err(vfs_utimens(kernel_credentials(), f, nullptr, bad, nullptr)), EINVAL);
    // chmod changes ctime and keeps the type.
    f.set_ctime(Timespec{2, 0});
    KASSERT(vfs_chmod(kernel_credentials(), f, nullptr, 0600, nullptr).is_ok());
    KEXPECT_EQ(f.mode(), u32(S_IFREG | 0600));
    KEXPECT(f.ctime().sec > 2);
}
