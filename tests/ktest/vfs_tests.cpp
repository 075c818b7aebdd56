// SPDX-License-Identifier: MIT
// VFS ktests: the root, path walks ("." "..", slashes, length limits), symlinks, mounts,
// permissions for an ordinary user, devices, the initramfs, and memory coming back.
#include "core/random.h"
#include "fs/devfs/chardev.h"
#include "fs/devfs/devtmpfs.h"
#include "fs/initramfs/initramfs.h"
#include "fs/tmpfs/tmpfs.h"
#include "mm/kheap.h"
#include "mm/pmm.h"
#include "vfs_test_util.h"

using namespace vfs_test;

extern "C" const u8 vfs_test_cpio_start[], vfs_test_cpio_end[];

KTEST(vfs_root, "vfs.root") {
    WalkContext k = kernel_walk_context();
    auto r = resolve(k, "/");
    KASSERT(r.is_ok());
    KEXPECT(r.value().inode()->is_dir());
    KEXPECT(r.value() == vfs_root());
    KEXPECT(resolve(k, "//").value() == vfs_root());
    KEXPECT(resolve(k, "/..").value() == vfs_root());   // ".." at the root stays there
    KEXPECT(resolve(k, "/../../.").value() == vfs_root());
    KEXPECT_EQ(lookup_err(k, ""), ENOENT);
    KEXPECT_EQ(lookup_err(k, "/no-such-file"), ENOENT);
    struct stat st;
    fill_stat(*vfs_root().inode(), st);
    KEXPECT(S_ISDIR(st.st_mode));
    KEXPECT(st.st_nlink >= 2);
    char buf[64];
    auto p = d_path(vfs_root(), vfs_root(), buf, sizeof(buf));
    KEXPECT(p.is_ok() && p.value() == StringView("/"));
}

KTEST(vfs_walk_basics, "vfs.walk_dots_slashes_limits") {
    Scratch s("walk");
    KASSERT(s.ok);
    WalkContext c = s.ctx();
    KASSERT(vfs_mkdir(c, "a", 0755).is_ok());
    KASSERT(vfs_mkdir(c, "a/b", 0755).is_ok());
    KASSERT(put_file(c, "a/b/f", "x").is_ok());
    u64 f = ino_of(c, "a/b/f");
    KEXPECT(f != 0);
    KEXPECT_EQ(ino_of(c, "a//b///f"), f);
    KEXPECT_EQ(ino_of(c, "./a/./b/./f"), f);
    KEXPECT_EQ(ino_of(c, "a/b/../b/f"), f);
    KEXPECT_EQ(ino_of(c, "a/../a/b/../../a/b/f"), f);
    KEXPECT_EQ(ino_of(c, "a/b/"), ino_of(c, "a/b"));          // trailing slash on a directory: fine
    KEXPECT_EQ(lookup_err(c, "a/b/f/"), ENOTDIR);              // on a file: ENOTDIR
    KEXPECT_EQ(lookup_err(c, "a/b/f/."), ENOTDIR);
    KEXPECT_EQ(lookup_err(c, "a/b/f/x"), ENOTDIR);
    KEXPECT_EQ(lookup_err(c, "a/b/f", kWalkDirectory), ENOTDIR);
    KEXPECT_EQ(lookup_err(c, "a/nope/f"), ENOENT);
    // The scratch mount's ".." leaves the mount for "/" (the mountpoint's parent).
    KEXPECT(resolve(c, "..").value() == vfs_root());
    KEXPECT(resolve(c, "../../..").value() == vfs_root());
    char path[160];
    format(path, sizeof(path), "%s/a/b/f", s.dir());
    KEXPECT_EQ(ino_of(c, path), f);
    char buf[128];
    auto dp = d_path(resolve(c, "a/b/f").value(), vfs_root(), buf, sizeof(buf));
    KEXPECT(dp.is_ok() && dp.value() == StringView(path));

    // Length limits: a 255-byte name is fine, 256 is ENAMETOOLONG; paths of 4096 are too long.
    static char name[300];
    __builtin_memset(name, 'n', 255);
    name[255] = '\0';
    KEXPECT(put_file(c, name, "long").is_ok());
    KEXPECT(file_is(c, name, "long"));
    name[255] = 'n';
    name[256] = '\0';
    KEXPECT_EQ(lookup_err(c, name), ENAMETOOLONG);
    KEXPECT_EQ(err(open(c, name, O_CREAT | O_WRONLY)), ENAMETOOLONG);
    static char longpath[4200];
    for (usize i = 0; i < 4096; i += 2) {
        longpath[i] = 'a';
        longpath[i + 1] = '/';
    }
    longpath[4096] = '\0';
    KEXPECT_EQ(lookup_err(c, StringView(longpath, 4096)), ENAMETOOLONG);
    // 4095 characters is still a valid length: it fails only because a/a/... does not exist.
    KEXPECT_EQ(lookup_err(c, StringView(longpath, 4095)), ENOENT);
}

KTEST(vfs_symlinks, "vfs.symlinks") {
    Scratch s("symlink");
    KASSERT(s.ok);
    WalkContext c = s.ctx();
    KASSERT(vfs_mkdir(c, "d", 0755).is_ok());
    KASSERT(put_file(c, "d/target", "T").is_ok());
    u64 t = ino_of(c, "d/target");
    KASSERT(vfs_symlink("target", c, "d/rel").is_ok());
    KASSERT(vfs_symlink("d/rel", c, "chain").is_ok());
    char abs[96];
    format(abs, sizeof(abs), "%s/d/target", s.dir());
    KASSERT(vfs_symlink(abs, c, "abs").is_ok());
    KASSERT(vfs_symlink("d", c, "dirlink").is_ok());
    KEXPECT_EQ(ino_of(c, "d/rel"), t);
    KEXPECT_EQ(ino_of(c, "chain"), t);
    KEXPECT_EQ(ino_of(c, "abs"), t);
    KEXPECT_EQ(ino_of(c, "dirlink/target"), t);      // a symlink in the middle of a path
    KEXPECT_EQ(ino_of(c, "dirlink/../d/target"), t); // ".." after a followed link: the target's parent
    KEXPECT(file_is(c, "chain", "T"));
    // Not following the last component gives the link itself.
    auto l = resolve(c, "chain", 0);
    KASSERT(l.is_ok());
    KEXPECT(l.value().inode()->is_symlink());
    KEXPECT_EQ(l.value().inode()->size(), 5u);   // strlen("d/rel")
    // A trailing slash follows a final symlink and asks for a directory.
    KEXPECT_EQ(ino_of(c, "dirlink/", 0), ino_of(c, "d"));
    KEXPECT_EQ(lookup_err(c, "chain/", 0), ENOTDIR);
    // readlink.
    char buf[64];
    auto n = vfs_readlink(c, "chain", IoBuffer::kernel(buf, sizeof(buf)));
    KEXPECT(n.is_ok() && StringView(buf, n.value()) == StringView("d/rel"));
    auto n3 = vfs_readlink(c, "chain", IoBuffer::kernel(buf, 3));   // truncated, no NUL
    KEXPECT(n3.is_ok() && n3.value() == 3 && StringView(buf, 3) == StringView("d/r"));
    KEXPECT_EQ(err(vfs_readlink(c, "d/target", IoBuffer::kernel(buf, sizeof(buf)))), EINVAL);
    // Dangling links, loops, the 40-link limit.
    KASSERT(vfs_symlink("nowhere", c, "dangling").is_ok());
    KEXPECT_EQ(lookup_err(c, "dangling"), ENOENT);
    KEXPECT(resolve(c, "dangling", 0).is_ok());
    KASSERT(vfs_symlink("loop2", c, "loop1").is_ok());
    KASSERT(vfs_symlink("loop1", c, "loop2").is_ok());
    KEXPECT_EQ(lookup_err(c, "loop1"), ELOOP);
    KEXPECT_EQ(lookup_err(c, "loop1/x"), ELOOP);
    KASSERT(vfs_symlink("self", c, "self").is_ok());
    KEXPECT_EQ(lookup_err(c, "self"), ELOOP);
    // l0 -> l1 -> ... -> l40 -> d/target: 40 hops from l0's target onwards resolve, 41 do not.
    char name[16], next[16];
    for (int i = 40; i >= 0; i--) {
        format(name, sizeof(name), "l%d", i);
        if (i == 40) format(next, sizeof(next), "d/target");
        else format(next, sizeof(next), "l%d", i + 1);
        KASSERT(vfs_symlink(next, c, name).is_ok());
    }
    KEXPECT_EQ(ino_of(c, "l1"), t);                 // 40 links
    KEXPECT_EQ(lookup_err(c, "l0"), ELOOP);         // 41 links
    KEXPECT_EQ(err(vfs_symlink("", c, "empty")), ENOENT);
    KEXPECT_EQ(err(vfs_symlink("x", c, "d/target")), EEXIST);
    // O_NOFOLLOW on a symlink: ELOOP; O_PATH|O_NOFOLLOW opens the link itself.
    KEXPECT_EQ(err(open(c, "chain", O_RDONLY | O_NOFOLLOW)), ELOOP);
    auto pf = open(c, "chain", O_PATH | O_NOFOLLOW);
    KEXPECT(pf.is_ok() && pf.value()->inode().is_symlink());
    // O_CREAT through a dangling symlink creates its target (not with O_EXCL).
    KEXPECT_EQ(err(open(c, "dangling", O_CREAT | O_EXCL | O_WRONLY)), EEXIST);
    auto cf = open(c, "dangling", O_CREAT | O_WRONLY);
    KEXPECT(cf.is_ok());
    KEXPECT(ino_of(c, "nowhere") != 0);
    KEXPECT_EQ(ino_of(c, "dangling"), ino_of(c, "nowhere"));
}

KTEST(vfs_mounts, "vfs.mount_crossing") {
    Scratch s("mount");
    KASSERT(s.ok);
    WalkContext c = s.ctx();
    KASSERT(vfs_mkdir(c, "mnt", 0755).is_ok());
    KASSERT(put_file(c, "mnt/under", "hidden").is_ok());
    KASSERT(put_file(c, "outside", "o").is_ok());
    u64 mnt_ino = ino_of(c, "mnt");
    char mnt[96];
    format(mnt, sizeof(mnt), "%s/mnt", s.dir());
    WalkContext k = kernel_walk_context();
    usize mounts_before = mount_count();
    KASSERT(vfs_mount(k, "second", mnt, "tmpfs", 0, "size=1m").is_ok());
    KEXPECT_EQ(mount_count(), mounts_before + 1);
    // In: the mount's root covers the directory and hides what was under it.
    KEXPECT(ino_of(c, "mnt") != mnt_ino);
    KEXPECT_EQ(lookup_err(c, "mnt/under"), ENOENT);
    KASSERT(put_file(c, "mnt/inside", "in").is_ok());
    KEXPECT(file_is(c, "mnt/inside", "in"));
    Path inside = resolve(c, "mnt/inside").value();
    KEXPECT(&inside.inode()->sb() != &s.path().inode()->sb());
    // Out: ".." from the mount's root is the mountpoint's parent, and so on up.
    KEXPECT_EQ(ino_of(c, "mnt/.."), ino_of(c, "."));
    KEXPECT(file_is(c, "mnt/../outside", "o"));
    WalkContext in_mnt{vfs_root(), resolve(c, "mnt").value(), kernel_credentials()};
    KEXPECT(file_is(in_mnt, "../outside", "o"));
    KEXPECT(file_is(in_mnt, "../mnt/inside", "in"));
    char buf[128];
    auto dp = d_path(inside, vfs_root(), buf, sizeof(buf));
    char expect[128];
    format(expect, sizeof(expect), "%s/inside", mnt);
    KEXPECT(dp.is_ok() && dp.value() == StringView(expect));
    // Cross-mount rename and link: EXDEV.
    KEXPECT_EQ(err(vfs_rename(c, "mnt/inside", c, "moved", 0)), EXDEV);
    KEXPECT_EQ(err(vfs_link(c, "outside", c, "mnt/l", false)), EXDEV);
    // The mountpoint cannot be removed or renamed while mounted on.
    KEXPECT_EQ(err(vfs_rmdir(c, "mnt")), EBUSY);
    KEXPECT_EQ(err(vfs_rename(c, "mnt", c, "mnt2", 0)), EBUSY);
    // statfs through the mount: tmpfs with the 1 MiB size.
    struct statfs sf;
    fill_statfs(inside.inode()->sb(), inside.mnt.ptr(), sf);
    KEXPECT_EQ(sf.f_type, long(TMPFS_MAGIC));
    KEXPECT_EQ(sf.f_blocks, 256);
    // umount: busy while a file is open inside (and while we hold a path), EINVAL on a non-root.
    auto f = open(c, "mnt/inside", O_RDONLY);
    KASSERT(f.is_ok());
    KEXPECT_EQ(err(vfs_umount(k, mnt, 0)), EBUSY);
    f.value() = nullptr;
    KEXPECT_EQ(err(vfs_umount(k, mnt, 0)), EBUSY);   // `inside` is a path into it
    inside = Path{};
    in_mnt.cwd = Path{};
    char sub[128];
    format(sub, sizeof(sub), "%s/mnt/inside", s.dir());
    KEXPECT_EQ(err(vfs_umount(k, sub, 0)), EINVAL);
    KEXPECT_EQ(err(vfs_umount(k, mnt, 0x100)), EINVAL);
    KASSERT(vfs_umount(k, mnt, 0).is_ok());
    KEXPECT_EQ(mount_count(), mounts_before);
    KEXPECT_EQ(ino_of(c, "mnt"), mnt_ino);
    KEXPECT(file_is(c, "mnt/under", "hidden"));   // visible again
    KEXPECT_EQ(err(vfs_umount(k, mnt, 0)), EINVAL);

    // Stacked mounts: the last one is on top; umount uncovers the one below.
    KASSERT(vfs_mount(k, "one", mnt, "tmpfs", 0, nullptr).is_ok());
    KASSERT(put_file(c, "mnt/layer", "1").is_ok());
    KASSERT(vfs_mount(k, "two", mnt, "tmpfs", 0, nullptr).is_ok());
    KEXPECT_EQ(lookup_err(c, "mnt/layer"), ENOENT);
    KASSERT(vfs_umount(k, mnt, 0).is_ok());
    KEXPECT(file_is(c, "mnt/layer", "1"));
    KASSERT(vfs_umount(k, mnt, 0).is_ok());

    // Lazy umount: an open file keeps working; the tree is gone from the namespace.
    KASSERT(vfs_mount(k, "lazy", mnt, "tmpfs", 0, nullptr).is_ok());
    KASSERT(put_file(c, "mnt/keep", "kept").is_ok());
    auto kf = open(c, "mnt/keep", O_RDONLY);
    KASSERT(kf.is_ok());
    KEXPECT_EQ(err(vfs_umount(k, mnt, 0)), EBUSY);
    KASSERT(vfs_umount(k, mnt, kMntDetach).is_ok());
    KEXPECT(file_is(c, "mnt/under", "hidden"));
    char rb[8] = {};
    auto rn = kf.value()->read(IoBuffer::kernel(rb, sizeof(rb)));
    KEXPECT(rn.is_ok() && StringView(rb, rn.value()) == StringView("kept"));
    kf.value() = nullptr;   // the detached tmpfs is freed here

    // Errors: unknown type, a file as mountpoint, a bind mount, an ordinary user, remount ro.
    KEXPECT_EQ(err(vfs_mount(k, "x", mnt, "nosuchfs", 0, nullptr)), ENODEV);
    char outside[96];
    format(outside, sizeof(outside), "%s/outside", s.dir());
    KEXPECT_EQ(err(vfs_mount(k, "x", outside, "tmpfs", 0, nullptr)), ENOTDIR);
    KEXPECT_EQ(err(vfs_mount(k, "x", mnt, "tmpfs", 0, "bogus=1")), EINVAL);
    Credentials u = user_creds(1000, 1000);
    WalkContext uk{vfs_root(), vfs_root(), u};
    KEXPECT_EQ(err(vfs_mount(uk, "x", mnt, "tmpfs", 0, nullptr)), EPERM);
    char src[96];
    format(src, sizeof(src), "%s", s.dir());
    KASSERT(vfs_mount(k, src, mnt, nullptr, MS_BIND, nullptr).is_ok());
    KEXPECT(file_is(c, "mnt/outside", "o"));      // the scratch root, seen again at mnt
    KEXPECT_EQ(ino_of(c, "mnt/outside"), ino_of(c, "outside"));
    KASSERT(vfs_mount(k, "", mnt, nullptr, MS_REMOUNT | MS_BIND | MS_RDONLY, nullptr).is_ok());
    KEXPECT_EQ(err(put_file(c, "mnt/new", "x")), EROFS);
    KEXPECT_EQ(err(open(c, "mnt/outside", O_WRONLY)), EROFS);
    KEXPECT_EQ(err(vfs_unlink(c, "mnt/outside")), EROFS);
    KEXPECT(file_is(c, "mnt/outside", "o"));
    KASSERT(vfs_umount(k, mnt, 0).is_ok());
    KEXPECT_EQ(mount_count(), mounts_before);
}

KTEST(vfs_permissions, "vfs.permissions_nonroot") {
    Scratch s("perm");
    KASSERT(s.ok);
    WalkContext c = s.ctx();
    Credentials u = user_creds(1000, 1000);
    Credentials other = user_creds(1001, 1001);
    WalkContext uc = s.ctx(u);
    WalkContext oc = s.ctx(other);
    KASSERT(vfs_mkdir(c, "private", 0700).is_ok());
    KASSERT(put_file(c, "private/f", "secret").is_ok());
    KASSERT(vfs_mkdir(c, "pub", 0755).is_ok());
    KASSERT(put_file(c, "pub/r", "readable", 0644).is_ok());
    KASSERT(put_file(c, "pub/none", "none", 0600).is_ok());
    // Search permission on every directory of the walk.
    KEXPECT_EQ(lookup_err(uc, "private/f"), EACCES);
    KEXPECT_EQ(lookup_err(uc, "private/../pub/r"), EACCES);
    KEXPECT_EQ(lookup_err(uc, "private"), 0);          // the directory itself is visible
    KEXPECT_EQ(lookup_err(c, "private/f"), 0);          // root searches anything
    KEXPECT(file_is(uc, "pub/r", "readable"));
    KEXPECT_EQ(err(open(uc, "pub/r", O_WRONLY)), EACCES);
    KEXPECT_EQ(err(open(uc, "pub/r", O_RDONLY | O_TRUNC)), EACCES);
    KEXPECT_EQ(err(open(uc, "pub/none", O_RDONLY)), EACCES);
    KEXPECT_EQ(err(open(uc, "pub/new", O_CREAT | O_WRONLY)), EACCES);   // no write on pub
    KEXPECT_EQ(err(vfs_mkdir(uc, "pub/d", 0755)), EACCES);
    KEXPECT_EQ(err(vfs_unlink(uc, "pub/r")), EACCES);
    KEXPECT_EQ(err(vfs_rename(uc, "pub/r", uc, "pub/r2", 0)), EACCES);
    // Group permission: a member of group 1000 may read a 0640 file of group 1000.
    KASSERT(put_file(c, "pub/grp", "g", 0640).is_ok());
    Inode& grp = *resolve(c, "pub/grp").value().inode();
    KASSERT(vfs_chown(kernel_credentials(), grp, nullptr, 0xffffffff, 1000, nullptr).is_ok());
    KEXPECT(file_is(uc, "pub/grp", "g"));
    KEXPECT_EQ(err(open(oc, "pub/grp", O_RDONLY)), EACCES);
    // Attribute changes: only the owner (or root) may chmod; only root may give files away.
    Inode& r = *resolve(c, "pub/r").value().inode();
    KEXPECT_EQ(err(vfs_chmod(u, r, nullptr, 0777, nullptr)), EPERM);
    KEXPECT_EQ(err(vfs_chown(u, r, nullptr, 1000, 0xffffffff, nullptr)), EPERM);
    KEXPECT_EQ(err(vfs_truncate(u, r, nullptr, 0, nullptr)), EACCES);
    Timespec when[2] = {{5, 0}, {6, 0}};
    KEXPECT_EQ(err(vfs_utimens(u, r, nullptr, when, nullptr)), EPERM);
    KEXPECT_EQ(err(vfs_utimens(u, r, nullptr, nullptr, nullptr)), EACCES);   // "now" needs write access
    KASSERT(vfs_chown(kernel_credentials(), r, nullptr, 1000, 1000, nullptr).is_ok());
    KEXPECT(vfs_chmod(u, r, nullptr, 0600, nullptr).is_ok());                  // now the owner
    KEXPECT_EQ(r.mode() & 07777, 0600u);
    KEXPECT(vfs_utimens(u, r, nullptr, when, nullptr).is_ok());
    KEXPECT_EQ(r.mtime().sec, 6);
    KEXPECT_EQ(r.atime().sec, 5);
    KEXPECT_EQ(err(vfs_chown(u, r, nullptr, 0xffffffff, 1001, nullptr)), EPERM);   // not a member of 1001
    KEXPECT(vfs_chown(u, r, nullptr, 0xffffffff, 1000, nullptr).is_ok());
    // A world-writable sticky directory: only the owner of the file (or the directory) removes it.
    KASSERT(vfs_mkdir(c, "tmp", 01777).is_ok());
    KASSERT(put_file(uc, "tmp/mine", "m").is_ok());
    KEXPECT_EQ(resolve(c, "tmp/mine").value().inode()->uid(), 1000u);
    KEXPECT_EQ(err(vfs_unlink(oc, "tmp/mine")), EPERM);
    KEXPECT_EQ(err(vfs_rename(oc, "tmp/mine", oc, "tmp/stolen", 0)), EPERM);
    KASSERT(put_file(oc, "tmp/theirs", "t").is_ok());
    KEXPECT_EQ(err(vfs_rename(uc, "tmp/mine", uc, "tmp/theirs", 0)), EPERM);   // replacing theirs
    KEXPECT(vfs_unlink(uc, "tmp/mine").is_ok());
    KEXPECT(vfs_unlink(c, "tmp/theirs").is_ok());   // root may
    // Without the sticky bit anyone with write access removes anything.
    KASSERT(vfs_mkdir(c, "open", 0777).is_ok());
    KASSERT(put_file(uc, "open/x", "x").is_ok());
    KEXPECT(vfs_unlink(oc, "open/x").is_ok());
    // Moving a directory to another parent needs write access to it (its ".." changes).
    KASSERT(vfs_mkdir(c, "open/rootdir", 0755).is_ok());
    KASSERT(vfs_mkdir(uc, "open/userdir", 0755).is_ok());
    KEXPECT_EQ(err(vfs_rename(uc, "open/rootdir", uc, "open/userdir/moved", 0)), EACCES);
    // Set-group-ID directories pass their group on (and the bit to subdirectories).
    KASSERT(vfs_mkdir(c, "sgid", 02777).is_ok());
    Inode& sg = *resolve(c, "sgid").value().inode();
    KASSERT(vfs_chown(kernel_credentials(), sg, nullptr, 0xffffffff, 4242, nullptr).is_ok());
    KASSERT(vfs_chmod(kernel_credentials(), sg, nullptr, 02777, nullptr).is_ok());
    KASSERT(put_file(uc, "sgid/f", "f").is_ok());
    KASSERT(vfs_mkdir(uc, "sgid/d", 0755).is_ok());
    KEXPECT_EQ(resolve(c, "sgid/f").value().inode()->gid(), 4242u);
    KEXPECT((resolve(c, "sgid/d").value().inode()->mode() & S_ISGID) != 0);
    // chown clears set-user-ID on files, even done by root.
    KASSERT(put_file(c, "suid", "s", 04755).is_ok());
    Inode& su = *resolve(c, "suid").value().inode();
    KASSERT(vfs_chmod(kernel_credentials(), su, nullptr, 04755, nullptr).is_ok());
    KEXPECT((su.mode() & S_ISUID) != 0);
    KASSERT(vfs_chown(kernel_credentials(), su, nullptr, 1000, 0xffffffff, nullptr).is_ok());
    KEXPECT_EQ(su.mode() & 07777, 0755u);
    // access(2)-style checks; root executes only files with some x bit.
    KEXPECT_EQ(err(vfs_access(u, *resolve(c, "pub/none").value().inode(), nullptr, kMayRead)), EACCES);
    KEXPECT_EQ(err(vfs_access(kernel_credentials(), *resolve(c, "pub/none").value().inode(), nullptr, kMayExec)),
               EACCES);
    KEXPECT(vfs_access(kernel_credentials(), *resolve(c, "pub/none").value().inode(), nullptr, kMayWrite).is_ok());
    // Creating device nodes needs privilege.
    KEXPECT_EQ(err(vfs_mknod(s.ctx(u), "open/dev", S_IFCHR | 0666, make_dev(1, 3))), EPERM);
    KEXPECT(vfs_mknod(s.ctx(u), "open/fifo", S_IFIFO | 0666, 0).is_ok());
}

KTEST(vfs_devices, "vfs.devices") {
    Scratch s("dev");
    KASSERT(s.ok);
    WalkContext c = s.ctx();
    KASSERT(vfs_mkdir(c, "dev", 0755).is_ok());
    char dev[96];
    format(dev, sizeof(dev), "%s/dev", s.dir());
    WalkContext k = kernel_walk_context();
    KASSERT(vfs_mount(k, "devtmpfs", dev, "devtmpfs", 0, nullptr).is_ok());
    struct stat st;
    fill_stat(*resolve(c, "dev/null").value().inode(), st);
    KEXPECT(S_ISCHR(st.st_mode));
    KEXPECT_EQ(st.st_rdev, 0x103ul);
    KEXPECT_EQ(st.st_mode & 0777, 0666u);
    u8 buf[300];
    // null: EOF, swallows writes.
    auto nf = open(c, "dev/null", O_RDWR);
    KASSERT(nf.is_ok());
    KEXPECT_EQ(nf.value()->read(IoBuffer::kernel(buf, sizeof(buf))).value(), 0u);
    KEXPECT_EQ(nf.value()->write(IoBuffer::kernel(buf, 123)).value(), 123u);
    KEXPECT_EQ(nf.value()->lseek(100, SEEK_SET).value(), 0u);
    // zero: zeros.
    auto zf = open(c, "dev/zero", O_RDONLY);
    KASSERT(zf.is_ok());
    __builtin_memset(buf, 0xaa, sizeof(buf));
    KEXPECT_EQ(zf.value()->read(IoBuffer::kernel(buf, sizeof(buf))).value(), sizeof(buf));
    bool zeros = true;
    for (u8 b : buf) zeros &= b == 0;
    KEXPECT(zeros);
    KEXPECT_EQ(zf.value()->pread(IoBuffer::kernel(buf, 10), 1000).value(), 10u);
    // full: writes fail with ENOSPC.
    auto ff = open(c, "dev/full", O_WRONLY);
    KASSERT(ff.is_ok());
    KEXPECT_EQ(err(ff.value()->write(IoBuffer::kernel(buf, 1))), ENOSPC);
    // urandom/random: bytes that differ between reads.
    auto rf = open(c, "dev/urandom", O_RDONLY);
    KASSERT(rf.is_ok());
    u8 a[64], b[64];
    KEXPECT_EQ(rf.value()->read(IoBuffer::kernel(a, sizeof(a))).value(), 64u);
    KEXPECT_EQ(rf.value()->read(IoBuffer::kernel(b, sizeof(b))).value(), 64u);
    KEXPECT(__builtin_memcmp(a, b, 64) != 0);
    unsigned ones = 0;
    for (u8 x : a) ones += __builtin_popcount(x);
    KEXPECT(ones > 150 && ones < 362);   // 512 bits, about half set
    KEXPECT(open(c, "dev/random", O_RDONLY).is_ok());
    KEXPECT(rf.value()->poll() & POLLIN);
    // A node made anywhere opens the registered driver; unregistered numbers give ENXIO.
    KASSERT(vfs_mknod(c, "myzero", S_IFCHR | 0600, make_dev(MEM_MAJOR, 5)).is_ok());
    auto mz = open(c, "myzero", O_RDONLY);
    KEXPECT(mz.is_ok() && mz.value()->read(IoBuffer::kernel(buf, 8)).value() == 8u);
    KASSERT(vfs_mknod(c, "nodev", S_IFCHR | 0600, make_dev(250, 7)).is_ok());
    KEXPECT_EQ(err(open(c, "nodev", O_RDONLY)), ENXIO);
    KASSERT(vfs_mknod(c, "fifo", S_IFIFO | 0600, 0).is_ok());
    KEXPECT(S_ISFIFO(resolve(c, "fifo").value().inode()->mode()));
    {
        // FIFOs open through fs/pipe (O_RDWR never waits for the other end); ENXIO without it.
        auto fifo = open(c, "fifo", O_RDWR | O_NONBLOCK);
        KEXPECT(fifo.is_ok() || err(fifo) == ENXIO);
        if (fifo.is_ok()) {
            KEXPECT_EQ(fifo.value()->write(IoBuffer::kernel(const_cast<char*>("abc"), 3)).value(), 3u);
            char fb[4] = {};
            auto fr = fifo.value()->read(IoBuffer::kernel(fb, sizeof(fb)));
            KEXPECT(fr.is_ok() && StringView(fb, fr.value()) == StringView("abc"));
            KEXPECT_EQ(err(fifo.value()->lseek(0, SEEK_SET)), ESPIPE);
        }
    }
    // Registration: overlapping ranges are refused; a new device shows up in devtmpfs.
    KEXPECT_EQ(err(chardev_register(MEM_MAJOR, 3, 1, "dup", [](File&, DevId) -> Result<void> { return {}; })),
               EBUSY);
    KEXPECT_EQ(err(devtmpfs_add_node("null", 0666, make_dev(1, 3))), EEXIST);
    KEXPECT(devtmpfs_add_node("ktest/sub/zero2", 0600, make_dev(MEM_MAJOR, 5)).is_ok());
    KEXPECT(S_ISCHR(resolve(c, "dev/ktest/sub/zero2").value().inode()->mode()));
    // Every devtmpfs mount shows the same instance.
    KASSERT(vfs_mkdir(c, "dev2", 0755).is_ok());
    char dev2[96];
    format(dev2, sizeof(dev2), "%s/dev2", s.dir());
    KASSERT(vfs_mount(k, "devtmpfs", dev2, "devtmpfs", 0, nullptr).is_ok());
    KEXPECT_EQ(ino_of(c, "dev2/ktest/sub/zero2"), ino_of(c, "dev/ktest/sub/zero2"));
    KEXPECT(vfs_umount(k, dev2, 0).is_ok());
    nf.value() = nullptr;
    zf.value() = nullptr;
    ff.value() = nullptr;
    rf.value() = nullptr;
    KEXPECT(vfs_umount(k, dev, 0).is_ok());
    // The shared instance survives its mounts.
    KEXPECT(lookup_child(*devtmpfs_root(), "null").is_ok());
    // random_bytes itself: large requests fill every byte.
    static u8 big[5000];
    __builtin_memset(big, 0, sizeof(big));
    random_bytes(big, sizeof(big));
    unsigned zero_run = 0, max_run = 0;
    for (u8 x : big) {
        zero_run = x ? 0 : zero_run + 1;
        max_run = max(max_run, zero_run);
    }
    KEXPECT(max_run < 8);
}

namespace {

bool check_file(const WalkContext& c, const char* path, const char* content, u32 mode, u32 uid, i64 mtime) {
    auto p = resolve(c, path, 0);
    if (p.is_error()) return false;
    Inode& in = *p.value().inode();
    return (!content || file_is(c, path, content)) && (in.mode() & 07777) == mode && in.uid() == uid &&
           in.mtime().sec == mtime;
}

}  // namespace

KTEST(vfs_initramfs, "vfs.initramfs_unpack") {
    Scratch s("initramfs");
    KASSERT(s.ok);
    WalkContext c = s.ctx();
    usize size = static_cast<usize>(vfs_test_cpio_end - vfs_test_cpio_start);
    KASSERT(size > 1000);
    InitramfsStats st{};
    auto r = initramfs_unpack(vfs_test_cpio_start, size, s.path().dentry, kernel_credentials(), &st);
    KEXPECT(r.is_ok());
    KEXPECT_EQ(st.failed, 0u);
    KEXPECT_EQ(st.files, 3u);       // data, motd, userfile (motd.link is a hard link)
    KEXPECT_EQ(st.hardlinks, 1u);
    KEXPECT_EQ(st.symlinks, 2u);
    KEXPECT_EQ(st.nodes, 2u);       // fifo, dev/null
    KEXPECT_EQ(st.dirs, 9u);        // . bin deep deep/a deep/a/b deep/a/b/c empty_dir etc dev
    KEXPECT(check_file(c, "etc/motd", "hello from the initramfs\n", 0640, 0, 1700000000));
    Inode& motd = *resolve(c, "etc/motd").value().inode();
    KEXPECT_EQ(motd.nlink(), 2u);
    KEXPECT_EQ(ino_of(c, "etc/motd.link"), motd.ino());
    KEXPECT(file_is(c, "bin/motd-link", "hello from the initramfs\n"));
    auto l = resolve(c, "abs-link", 0);
    KEXPECT(l.is_ok() && l.value().inode()->is_symlink());
    char tgt[16];
    auto tn = vfs_readlink(c, "abs-link", IoBuffer::kernel(tgt, sizeof(tgt)));
    KEXPECT(tn.is_ok() && StringView(tgt, tn.value()) == StringView("/etc"));
    KEXPECT(S_ISFIFO(resolve(c, "fifo", 0).value().inode()->mode()));
    auto null = resolve(c, "dev/null");
    KASSERT(null.is_ok());
    KEXPECT(S_ISCHR(null.value().inode()->mode()));
    KEXPECT_EQ(null.value().inode()->rdev(), make_dev(1, 3));
    KEXPECT(check_file(c, "userfile", "owned by 1000\n", 0644, 1000, 1600000000));
    KEXPECT_EQ(resolve(c, "userfile").value().inode()->gid(), 1000u);
    KEXPECT(check_file(c, "bin/data", nullptr, 04755, 0, 1700000000));
    KEXPECT_EQ(resolve(c, "bin/data").value().inode()->size(), 160000u);
    // The data of the large file: "%07d\n" lines.
    auto df = open(c, "bin/data", O_RDONLY);
    KASSERT(df.is_ok());
    static char line[8 * 100];
    bool ok = true;
    KEXPECT_EQ(df.value()->pread(IoBuffer::kernel(line, sizeof(line)), 8 * 12345).value(), sizeof(line));
    for (int i = 0; i < 100 && ok; i++) {
        char expect[9];
        format(expect, sizeof(expect), "%07d\n", 12345 + i);
        ok = StringView(line + 8 * i, 8) == StringView(expect, 8);
    }
    KEXPECT(ok);
    // Directory modes and times (set after their contents were created).
    KEXPECT(check_file(c, "deep", nullptr, 02775, 0, 1700000000));
    KEXPECT(check_file(c, "deep/a/b/c", nullptr, 0755, 0, 1700000000));
    KEXPECT(check_file(c, "etc", nullptr, 0755, 0, 1700000000));
    KEXPECT_EQ(s.path().inode()->mtime().sec, 1700000000);   // "." applied to the root
    KEXPECT_EQ(s.path().inode()->mode() & 07777, 0755u);
    // Unpacking again over the same tree replaces files and keeps the rest consistent.
    InitramfsStats again{};
    KEXPECT(initramfs_unpack(vfs_test_cpio_start, size, s.path().dentry, kernel_credentials(), &again).is_ok());
    KEXPECT_EQ(again.failed, 0u);
    KEXPECT(file_is(c, "etc/motd", "hello from the initramfs\n"));
    KEXPECT_EQ(resolve(c, "etc/motd").value().inode()->nlink(), 2u);
}

KTEST(vfs_initramfs_corrupt, "vfs.initramfs_corrupt") {
    Scratch s("initramfs-bad");
    KASSERT(s.ok);
    WalkContext c = s.ctx();
    usize size = static_cast<usize>(vfs_test_cpio_end - vfs_test_cpio_start);
    // Cut the archive inside bin/data's contents: what came before stays, then EINVAL.
    const u8* data = vfs_test_cpio_start;
    usize cut = 0;
    for (usize i = 0; i + 8 < size; i++)
        if (__builtin_memcmp(data + i, "bin/data", 8) == 0) {
            cut = i + 5000;
            break;
        }
    KASSERT(cut);
    InitramfsStats st{};
    auto r = initramfs_unpack(data, cut, s.path().dentry, kernel_credentials(), &st);
    KEXPECT_EQ(err(r), EINVAL);
    KEXPECT_EQ(ino_of(c, "bin") != 0, true);
    KEXPECT_EQ(lookup_err(c, "bin/data"), ENOENT);
    KEXPECT_EQ(lookup_err(c, "etc"), ENOENT);
    // Not an archive at all.
    static const u8 junk[200] = {'n', 'o', 'p', 'e'};
    KEXPECT_EQ(err(initramfs_unpack(junk, sizeof(junk), s.path().dentry, kernel_credentials(), nullptr)), EINVAL);
}

KTEST(vfs_leaks, "vfs.memory_returns") {
    // Warm up the slab caches, then measure a full create/delete cycle twice: in a directory
    // of the root tmpfs, and in a separate mount that is unmounted at the end.
    auto cycle = [](const WalkContext& c, const char* base) -> bool {
        char p[96], q[96];
        if (vfs_mkdir(c, base, 0755).is_error()) return false;
        static u8 data[9000];
        for (usize i = 0; i < sizeof(data); i++) data[i] = static_cast<u8>(i * 7);
        for (int i = 0; i < 200; i++) {
            format(p, sizeof(p), "%s/file-%d-with-a-longer-name", base, i);
            auto f = vfs_open(c, p, O_CREAT | O_RDWR, 0644);
            if (f.is_error()) return false;
            if (f.value()->write(IoBuffer::kernel(data, 1 + (i * 97) % sizeof(data))).is_error()) return false;
            if (i % 5 == 0) {
                format(q, sizeof(q), "%s/link-%d", base, i);
                if (vfs_link(c, p, c, q, false).is_error()) return false;
                if (vfs_symlink(p, c, q).is_ok()) return false;   // EEXIST expected
            }
            if (i % 7 == 0) {
                format(q, sizeof(q), "%s/dir-%d", base, i);
                if (vfs_mkdir(c, q, 0755).is_error()) return false;
                format(q, sizeof(q), "%s/dir-%d/sym", base, i);
                if (vfs_symlink("../x", c, q).is_error()) return false;
            }
        }
        // Sparse file far out, then delete everything.
        format(p, sizeof(p), "%s/sparse", base);
        auto sf = vfs_open(c, p, O_CREAT | O_RDWR, 0644);
        if (sf.is_error() || sf.value()->pwrite(IoBuffer::kernel(data, 10), u64(1) << 40).is_error()) return false;
        sf.value() = nullptr;
        if (vfs_unlink(c, p).is_error()) return false;
        for (int i = 0; i < 200; i++) {
            format(p, sizeof(p), "%s/file-%d-with-a-longer-name", base, i);
            format(q, sizeof(q), "%s/renamed-%d", base, i);
            if (vfs_rename(c, p, c, q, 0).is_error()) return false;
            if (vfs_unlink(c, q).is_error()) return false;
            if (i % 5 == 0) {
                format(q, sizeof(q), "%s/link-%d", base, i);
                if (vfs_unlink(c, q).is_error()) return false;
            }
            if (i % 7 == 0) {
                format(q, sizeof(q), "%s/dir-%d/sym", base, i);
                if (vfs_unlink(c, q).is_error()) return false;
                format(q, sizeof(q), "%s/dir-%d", base, i);
                if (vfs_rmdir(c, q).is_error()) return false;
            }
        }
        return vfs_rmdir(c, base).is_ok();
    };
    WalkContext k = kernel_walk_context();
    KASSERT(cycle(k, "/ktest-leak-warm"));
    usize dentries = dcache_count();
    HeapStats h0 = kheap_stats();
    usize free0 = pmm_free_pages();
    KASSERT(cycle(k, "/ktest-leak"));
    HeapStats h1 = kheap_stats();
    KEXPECT_EQ(h1.live_allocations, h0.live_allocations);
    KEXPECT_EQ(h1.live_bytes, h0.live_bytes);
    KEXPECT_EQ(dcache_count(), dentries);
    // Slab pages may stay cached; data pages must all be back.
    KEXPECT(pmm_free_pages() + 16 >= free0);
    {
        Scratch s("leak-mount");
        KASSERT(s.ok);
        WalkContext c = s.ctx();
        for (int i = 0; i < 100; i++) {
            char p[32];
            format(p, sizeof(p), "d%d", i % 10);
            (void)vfs_mkdir(c, p, 0755);
            format(p, sizeof(p), "d%d/f%d", i % 10, i);
            KASSERT(put_file(c, p, "some data that takes a page").is_ok());
        }
        // Unmounting frees the tree without unlinking anything.
    }
    HeapStats h2 = kheap_stats();
    KEXPECT_EQ(h2.live_allocations, h0.live_allocations);
    KEXPECT_EQ(h2.live_bytes, h0.live_bytes);
    KEXPECT_EQ(dcache_count(), dentries);
    KEXPECT(pmm_free_pages() + 16 >= free0);
}
