// SPDX-License-Identifier: MIT
#include "fs/ext2/ext2_ops.h"

#include "fs/ext2/ext2_inode_util.h"

namespace {

constexpr u32 kIfMt = 0170000, kIfDir = 0040000, kIfLnk = 0120000, kIfChr = 0020000, kIfBlk = 0060000;
constexpr usize kFastSymlinkMax = sizeof(Ext2InodeDisk::block);   // 60 bytes, NUL excluded
// linux: EXT4_LINK_MAX, the oracle's limit for ext2 file systems (its ext2 driver's was 32000).
constexpr u32 kLinkMax = 65000;

bool is_dir(const Ext2InodeDisk& i) { return (i.mode & kIfMt) == kIfDir; }

}  // namespace

// The last step of a rename: both directories' times, and their inodes written.
static Result<void> touch_dirs(Ext2Volume& v, Ext2Node old_dir, Ext2Node new_dir, Ext2Now now) {
    ext2_touch(v, *old_dir.d, now, true, true);
    TRY(v.write_inode(old_dir.ino, *old_dir.d));
    if (old_dir.d != new_dir.d) {
        ext2_touch(v, *new_dir.d, now, true, true);
        TRY(v.write_inode(new_dir.ino, *new_dir.d));
    }
    return {};
}

void ext2_touch(Ext2Volume& v, Ext2InodeDisk& i, Ext2Now now, bool mtime, bool ctime) {
    bool extra = v.large_inodes() && i.extra_isize >= 16;
    u32 x = ext2_time_extra(now.sec, now.nsec);
    if (mtime) {
        i.mtime = static_cast<u32>(now.sec);
        if (extra) i.mtime_extra = x;
    }
    if (ctime) {
        i.ctime = static_cast<u32>(now.sec);
        if (extra) i.ctime_extra = x;
    }
}

u32 ext2_decode_rdev(const Ext2InodeDisk& i) {
    if (i.block[0]) return ((i.block[0] >> 8) & 0xff) << 20 | (i.block[0] & 0xff);
    u32 n = i.block[1];
    u32 major = (n & 0xfff00) >> 8, minor = (n & 0xff) | ((n >> 12) & 0xfff00);
    return major << 20 | minor;
}

void ext2_encode_rdev(Ext2InodeDisk& i, u32 major, u32 minor) {
    if (major < 256 && minor < 256) {
        i.block[0] = major << 8 | minor;
        i.block[1] = 0;
    } else {
        i.block[0] = 0;
        i.block[1] = (minor & 0xff) | (major << 8) | ((minor & ~0xffu) << 12);
        i.block[2] = 0;
    }
}

Result<u32> ext2_create(Ext2Volume& v, Ext2Node dir, StringView name, u32 mode, u32 uid, u32 gid, u32 rdev,
                        Ext2InodeDisk& out, Ext2Now now) {
    if (name.length() > kExt2NameLen) return Error(ENAMETOOLONG);
    bool dir_kind = (mode & kIfMt) == kIfDir;
    if (dir_kind && dir.d->links_count >= kLinkMax) return Error(EMLINK);
    u32 ino = TRY(v.alloc_inode(dir.ino, dir_kind));
    v.init_inode(out, mode, uid, gid, now.sec, now.nsec);
    out.links_count = 1;
    u32 type = mode & kIfMt;
    if (type == kIfChr || type == kIfBlk || type == 0010000 || type == 0140000) {
        ext2_encode_rdev(out, rdev >> 20, rdev & 0xfffff);
    }
    Result<void> r;
    if (dir_kind) {
        out.links_count = 2;
        r = v.dir_init(out, ino, dir.ino);
    }
    if (r.is_ok()) r = v.write_inode(ino, out);
    if (r.is_ok()) r = v.dir_add(*dir.d, dir.ino, name, ino, v.file_type_of(mode));
    if (r.is_error()) {
        out.links_count = 0;
        (void)v.delete_inode(ino, out);
        return r.error();
    }
    if (dir_kind) dir.d->links_count++;
    ext2_touch(v, *dir.d, now, true, true);
    TRY(v.write_inode(dir.ino, *dir.d));
    return ino;
}

Result<u32> ext2_create_unnamed(Ext2Volume& v, u32 dir_ino, u32 mode, u32 uid, u32 gid, Ext2InodeDisk& out,
                                Ext2Now now) {
    u32 ino = TRY(v.alloc_inode(dir_ino, false));
    v.init_inode(out, 0100000 | (mode & 07777), uid, gid, now.sec, now.nsec);
    out.links_count = 0;
    TRY(v.write_inode(ino, out));
    return ino;
}

Result<u32> ext2_symlink(Ext2Volume& v, Ext2Node dir, StringView name, StringView target, u32 uid, u32 gid,
                         Ext2InodeDisk& out, Ext2Now now) {
    if (target.length() + 1 > v.block_size()) return Error(ENAMETOOLONG);
    u32 ino = TRY(v.alloc_inode(dir.ino, false));
    v.init_inode(out, kIfLnk | 0777, uid, gid, now.sec, now.nsec);
    out.links_count = 1;
    Result<void> r;
    if (target.length() < kFastSymlinkMax) {
        __builtin_memcpy(out.block, target.data(), target.length());
        out.size = static_cast<u32>(target.length());
    } else {
        auto w = v.write_data(out, ino, 0, target.data(), target.length());
        if (w.is_error()) r = w.error();
    }
    if (r.is_ok()) r = v.write_inode(ino, out);
    if (r.is_ok()) r = v.dir_add(*dir.d, dir.ino, name, ino, v.file_type_of(kIfLnk));
    if (r.is_error()) {
        out.links_count = 0;
        (void)v.delete_inode(ino, out);
        return r.error();
    }
    ext2_touch(v, *dir.d, now, true, true);
    TRY(v.write_inode(dir.ino, *dir.d));
    return ino;
}

Result<void> ext2_unlink(Ext2Volume& v, Ext2Node dir, StringView name, Ext2Node victim, Ext2Now now) {
    TRY(v.dir_remove(*dir.d, name));
    ext2_touch(v, *dir.d, now, true, true);
    TRY(v.write_inode(dir.ino, *dir.d));
    if (victim.d->links_count) victim.d->links_count--;
    ext2_touch(v, *victim.d, now, false, true);
    return v.write_inode(victim.ino, *victim.d);
}

Result<void> ext2_rmdir(Ext2Volume& v, Ext2Node dir, StringView name, Ext2Node victim, Ext2Now now) {
    if (!TRY(v.dir_empty(*victim.d))) return Error(ENOTEMPTY);
    TRY(v.dir_remove(*dir.d, name));
    if (dir.d->links_count > 1) dir.d->links_count--;
    ext2_touch(v, *dir.d, now, true, true);
    TRY(v.write_inode(dir.ino, *dir.d));
    victim.d->links_count = 0;
    ext2_touch(v, *victim.d, now, false, true);
    return v.write_inode(victim.ino, *victim.d);
}

Result<void> ext2_link(Ext2Volume& v, Ext2Node dir, StringView name, Ext2Node target, Ext2Now now) {
    if (target.d->links_count >= kLinkMax) return Error(EMLINK);
    TRY(v.dir_add(*dir.d, dir.ino, name, target.ino, v.file_type_of(target.d->mode)));
    ext2_touch(v, *dir.d, now, true, true);
    TRY(v.write_inode(dir.ino, *dir.d));
    target.d->links_count++;
    ext2_touch(v, *target.d, now, false, true);
    return v.write_inode(target.ino, *target.d);
}

Result<void> ext2_rename(Ext2Volume& v, Ext2Node old_dir, StringView old_name, Ext2Node new_dir, StringView new_name,
                         Ext2Node src, Ext2Node* target, Ext2Now now) {
    bool moving_dir = is_dir(*src.d);
    bool cross = old_dir.d != new_dir.d;
    if (target) {
        if (is_dir(*target->d) && !TRY(v.dir_empty(*target->d))) return Error(ENOTEMPTY);
        TRY(v.dir_set(*new_dir.d, new_name, src.ino, v.file_type_of(src.d->mode)));
        if (is_dir(*target->d)) {
            target->d->links_count = 0;
            if (new_dir.d->links_count > 1) new_dir.d->links_count--;   // its ".." goes
        } else if (target->d->links_count) {
            target->d->links_count--;
        }
        ext2_touch(v, *target->d, now, false, true);
        TRY(v.write_inode(target->ino, *target->d));
    } else {
        if (moving_dir && cross && new_dir.d->links_count >= kLinkMax) return Error(EMLINK);
        TRY(v.dir_add(*new_dir.d, new_dir.ino, new_name, src.ino, v.file_type_of(src.d->mode)));
    }
    TRY(v.dir_remove(*old_dir.d, old_name));
    if (moving_dir && cross) {
        TRY(v.dir_set(*src.d, "..", new_dir.ino, v.file_type_of(kIfDir)));
        if (old_dir.d->links_count > 1) old_dir.d->links_count--;
        new_dir.d->links_count++;
    }
    ext2_touch(v, *src.d, now, false, true);
    TRY(v.write_inode(src.ino, *src.d));
    return touch_dirs(v, old_dir, new_dir, now);
}

Result<void> ext2_exchange(Ext2Volume& v, Ext2Node old_dir, StringView old_name, Ext2Node new_dir, StringView new_name,
                           Ext2Node a, Ext2Node b, Ext2Now now) {
    bool cross = old_dir.d != new_dir.d;
    TRY(v.dir_set(*old_dir.d, old_name, b.ino, v.file_type_of(b.d->mode)));
    TRY(v.dir_set(*new_dir.d, new_name, a.ino, v.file_type_of(a.d->mode)));
    if (cross) {
        if (is_dir(*a.d)) {
            TRY(v.dir_set(*a.d, "..", new_dir.ino, v.file_type_of(kIfDir)));
            old_dir.d->links_count--;
            new_dir.d->links_count++;
        }
        if (is_dir(*b.d)) {
            TRY(v.dir_set(*b.d, "..", old_dir.ino, v.file_type_of(kIfDir)));
            new_dir.d->links_count--;
            old_dir.d->links_count++;
        }
    }
    ext2_touch(v, *a.d, now, false, true);
    ext2_touch(v, *b.d, now, false, true);
    TRY(v.write_inode(a.ino, *a.d));
    TRY(v.write_inode(b.ino, *b.d));
    return touch_dirs(v, old_dir, new_dir, now);
}

Result<usize> ext2_readlink(Ext2Volume& v, const Ext2InodeDisk& i, char* buf, usize size) {
    u64 len = ext2_size(i);
    if (len >= v.block_size()) return v.corrupt("symlink too long, length", len);
    usize n = len < size ? static_cast<usize>(len) : size;
    if (ext2_is_fast_symlink(i, v.block_size())) {
        if (len >= kFastSymlinkMax) return v.corrupt("fast symlink too long, length", len);
        __builtin_memcpy(buf, i.block, n);
        return n;
    }
    return v.read_data(i, 0, buf, n);
}
