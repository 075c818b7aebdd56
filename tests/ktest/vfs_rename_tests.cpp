// SPDX-License-Identifier: MIT
// VFS ktests for the operations that change names: unlink, rmdir, link and every rename case,
// with close attention to what the dentry cache shows afterwards (a stale cache after a rename
// or unlink is the classic bug), a randomized model check, and a multi-threaded stress.
#include <atomic>

#include "core/sched.h"
#include "vfs_test_util.h"

using namespace vfs_test;

KTEST(vfs_create_unlink, "vfs.create_lookup_unlink") {
    Scratch s("unlink");
    KASSERT(s.ok);
    WalkContext c = s.ctx();
    KASSERT(put_file(c, "f", "data").is_ok());
    Path p = resolve(c, "f").value();
    RefPtr<Inode> in = p.dentry->inode_ref();
    KEXPECT_EQ(in->nlink(), 1u);
    KEXPECT_EQ(in->size(), 4u);
    auto f = open(c, "f", O_RDONLY);
    KASSERT(f.is_ok());
    u64 dir_size = s.path().inode()->size();
    KASSERT(vfs_unlink(c, "f").is_ok());
    KEXPECT_EQ(s.path().inode()->size(), dir_size - 20);
    KEXPECT_EQ(lookup_err(c, "f"), ENOENT);
    KEXPECT_EQ(in->nlink(), 0u);
    KEXPECT(!p.dentry->is_hashed());
    // The open file still reads its data; the name is free for a new, different file.
    char buf[8];
    auto n = f.value()->read(IoBuffer::kernel(buf, sizeof(buf)));
    KEXPECT(n.is_ok() && StringView(buf, n.value()) == StringView("data"));
    KASSERT(put_file(c, "f", "new").is_ok());
    KEXPECT(ino_of(c, "f") != in->ino());
    KEXPECT(file_is(c, "f", "new"));
    KEXPECT_EQ(err(vfs_unlink(c, "nope")), ENOENT);
    KEXPECT_EQ(err(vfs_unlink(c, "f/")), ENOTDIR);
    KEXPECT_EQ(err(vfs_unlink(c, ".")), EISDIR);
    KEXPECT_EQ(err(vfs_unlink(c, "..")), EISDIR);
    // A link to a file that is gone (open, nlink 0) cannot be made.
    KASSERT(vfs_unlink(c, "f").is_ok());
    KEXPECT_EQ(err(open(c, "f", O_RDONLY)), ENOENT);
}

KTEST(vfs_mkdir_rmdir, "vfs.mkdir_rmdir") {
    Scratch s("rmdir");
    KASSERT(s.ok);
    WalkContext c = s.ctx();
    Inode& top = *s.path().inode();
    u32 top_links = top.nlink();
    KASSERT(vfs_mkdir(c, "d", 0755).is_ok());
    KEXPECT_EQ(top.nlink(), top_links + 1);
    KEXPECT_EQ(err(vfs_mkdir(c, "d", 0755)), EEXIST);
    KEXPECT_EQ(err(vfs_mkdir(c, "d/", 0755)), EEXIST);
    KEXPECT(vfs_mkdir(c, "e/", 0755).is_ok());   // a trailing slash is fine for mkdir
    KEXPECT_EQ(err(vfs_mkdir(c, ".", 0755)), EEXIST);
    KEXPECT_EQ(err(vfs_mkdir(c, "nope/x", 0755)), ENOENT);
    KASSERT(vfs_mkdir(c, "d/sub", 0755).is_ok());
    KASSERT(vfs_mkdir(c, "d/sub2", 0755).is_ok());
    Inode& d = *resolve(c, "d").value().inode();
    KEXPECT_EQ(d.nlink(), 4u);   // 2 + two subdirectories
    KEXPECT_EQ(d.size(), 80u);   // tmpfs: 40 + 20 per entry
    KASSERT(put_file(c, "d/file", "x").is_ok());
    KEXPECT_EQ(d.nlink(), 4u);   // files do not count
    KEXPECT_EQ(err(vfs_rmdir(c, "d")), ENOTEMPTY);
    KEXPECT_EQ(err(vfs_rmdir(c, "d/file")), ENOTDIR);
    KEXPECT_EQ(err(vfs_unlink(c, "d/sub")), EISDIR);
    KEXPECT_EQ(err(vfs_rmdir(c, "d/.")), EINVAL);
    KEXPECT_EQ(err(vfs_rmdir(c, "d/sub/..")), ENOTEMPTY);
    KEXPECT_EQ(err(vfs_rmdir(c, "/")), EBUSY);
    KEXPECT_EQ(err(vfs_rmdir(c, "nope")), ENOENT);
    // Remove a directory that is open and is some walk's cwd: it stays usable, but empty and
    // closed for new entries.
    auto od = open(c, "d/sub", O_RDONLY | O_DIRECTORY);
    KASSERT(od.is_ok());
    WalkContext in_sub{vfs_root(), resolve(c, "d/sub").value(), kernel_credentials()};
    KASSERT(vfs_rmdir(c, "d/sub/").is_ok());
    KEXPECT_EQ(d.nlink(), 3u);
    KEXPECT_EQ(od.value()->inode().nlink(), 0u);
    KEXPECT_EQ(lookup_err(c, "d/sub"), ENOENT);
    char buf[128];
    KEXPECT_EQ(err(od.value()->getdents64(IoBuffer::kernel(buf, sizeof(buf)))), ENOENT);
    KEXPECT_EQ(err(put_file(in_sub, "x", "x")), ENOENT);
    KEXPECT_EQ(err(vfs_mkdir(in_sub, "x", 0755)), ENOENT);
    KEXPECT_EQ(ino_of(in_sub, ".."), d.ino());   // ".." of a removed directory: its old parent
    DPathInfo info{};
    auto dp = d_path(in_sub.cwd, vfs_root(), buf, sizeof(buf), &info);
    KEXPECT(dp.is_ok() && info.deleted);
    // A new directory with the same name is a different inode.
    KASSERT(vfs_mkdir(c, "d/sub", 0755).is_ok());
    KEXPECT(ino_of(c, "d/sub") != od.value()->inode().ino());
    KASSERT(vfs_unlink(c, "d/file").is_ok());
    KASSERT(vfs_rmdir(c, "d/sub").is_ok());
    KASSERT(vfs_rmdir(c, "d/sub2").is_ok());
    KASSERT(vfs_rmdir(c, "d").is_ok());
    KEXPECT_EQ(top.nlink(), top_links + 1);   // "e" remains
}

KTEST(vfs_hard_links, "vfs.hard_links") {
    Scratch s("link");
    KASSERT(s.ok);
    WalkContext c = s.ctx();
    KASSERT(put_file(c, "a", "shared").is_ok());
    KASSERT(vfs_mkdir(c, "d", 0755).is_ok());
    KASSERT(vfs_link(c, "a", c, "d/b", false).is_ok());
    Inode& in = *resolve(c, "a").value().inode();
    KEXPECT_EQ(in.nlink(), 2u);
    KEXPECT_EQ(ino_of(c, "d/b"), in.ino());
    KEXPECT_EQ(err(vfs_link(c, "a", c, "d/b", false)), EEXIST);
    KEXPECT_EQ(err(vfs_link(c, "d", c, "dlink", false)), EPERM);
    KEXPECT_EQ(err(vfs_link(c, "nope", c, "x", false)), ENOENT);
    KEXPECT_EQ(err(vfs_link(c, "a", c, "nodir/x", false)), ENOENT);
    KEXPECT_EQ(err(vfs_link(c, "a", c, "x/", false)), ENOENT);
    // Writing through one name shows through the other.
    KASSERT(put_file(c, "d/b", "changed").is_ok());
    KEXPECT(file_is(c, "a", "changed"));
    KASSERT(vfs_unlink(c, "a").is_ok());
    KEXPECT_EQ(in.nlink(), 1u);
    KEXPECT(file_is(c, "d/b", "changed"));
    // link(2) does not follow a symlink unless asked (AT_SYMLINK_FOLLOW).
    KASSERT(vfs_symlink("d/b", c, "sym").is_ok());
    KASSERT(vfs_link(c, "sym", c, "sym2", false).is_ok());
    KEXPECT(resolve(c, "sym2", 0).value().inode()->is_symlink());
    KASSERT(vfs_link(c, "sym", c, "b2", true).is_ok());
    KEXPECT_EQ(ino_of(c, "b2", 0), in.ino());
    KEXPECT_EQ(in.nlink(), 2u);
    // ctime moves on link and unlink.
    in.set_ctime(Timespec{1, 0});
    KASSERT(vfs_unlink(c, "b2").is_ok());
    KEXPECT(in.ctime().sec > 1);
}

KTEST(vfs_rename_files, "vfs.rename_files") {
    Scratch s("rename-f");
    KASSERT(s.ok);
    WalkContext c = s.ctx();
    KASSERT(put_file(c, "a", "A").is_ok());
    KASSERT(put_file(c, "b", "B").is_ok());
    u64 a = ino_of(c, "a");
    RefPtr<Inode> victim = resolve(c, "b").value().dentry->inode_ref();
    // File over file: the target is replaced (its inode loses its link).
    KASSERT(vfs_rename(c, "a", c, "b", 0).is_ok());
    KEXPECT_EQ(lookup_err(c, "a"), ENOENT);
    KEXPECT_EQ(ino_of(c, "b"), a);
    KEXPECT(file_is(c, "b", "A"));
    KEXPECT_EQ(victim->nlink(), 0u);
    // Rename to a new name in another directory.
    KASSERT(vfs_mkdir(c, "d", 0755).is_ok());
    KASSERT(vfs_rename(c, "b", c, "d/c", 0).is_ok());
    KEXPECT_EQ(ino_of(c, "d/c"), a);
    KEXPECT_EQ(lookup_err(c, "b"), ENOENT);
    // Onto itself (and onto another link to the same inode): nothing happens.
    KEXPECT(vfs_rename(c, "d/c", c, "d/c", 0).is_ok());
    KASSERT(vfs_link(c, "d/c", c, "d/c2", false).is_ok());
    KEXPECT(vfs_rename(c, "d/c", c, "d/c2", 0).is_ok());
    KEXPECT_EQ(ino_of(c, "d/c"), a);
    KEXPECT_EQ(ino_of(c, "d/c2"), a);
    // Errors.
    KEXPECT_EQ(err(vfs_rename(c, "nope", c, "x", 0)), ENOENT);
    KEXPECT_EQ(err(vfs_rename(c, "d/c", c, "nodir/x", 0)), ENOENT);
    KEXPECT_EQ(err(vfs_rename(c, "d/c/", c, "x", 0)), ENOTDIR);
    KEXPECT_EQ(err(vfs_rename(c, "d/c", c, "x/", 0)), ENOTDIR);
    KEXPECT_EQ(err(vfs_rename(c, ".", c, "x", 0)), EBUSY);
    KEXPECT_EQ(err(vfs_rename(c, "d/c", c, "..", 0)), EBUSY);
    KEXPECT_EQ(err(vfs_rename(c, "d/c", c, "..", RENAME_NOREPLACE)), EEXIST);
    KEXPECT_EQ(err(vfs_rename(c, "d/c", c, "x", 1u << 7)), EINVAL);
    KEXPECT_EQ(err(vfs_rename(c, "d/c", c, "x", RENAME_NOREPLACE | RENAME_EXCHANGE)), EINVAL);
    KEXPECT_EQ(err(vfs_rename(c, "d/c", c, "x", RENAME_WHITEOUT)), EINVAL);
    // RENAME_NOREPLACE: EEXIST on an existing target, fine otherwise.
    KASSERT(put_file(c, "other", "O").is_ok());
    KEXPECT_EQ(err(vfs_rename(c, "d/c", c, "other", RENAME_NOREPLACE)), EEXIST);
    KEXPECT(file_is(c, "other", "O"));
    KEXPECT(vfs_rename(c, "other", c, "fresh", RENAME_NOREPLACE).is_ok());
    KEXPECT(file_is(c, "fresh", "O"));
    // RENAME_EXCHANGE: both must exist; the names swap.
    KEXPECT_EQ(err(vfs_rename(c, "fresh", c, "missing", RENAME_EXCHANGE)), ENOENT);
    u64 fresh = ino_of(c, "fresh");
    KASSERT(vfs_rename(c, "fresh", c, "d/c2", RENAME_EXCHANGE).is_ok());
    KEXPECT_EQ(ino_of(c, "fresh"), a);
    KEXPECT_EQ(ino_of(c, "d/c2"), fresh);
    KEXPECT(file_is(c, "d/c2", "O"));
}

KTEST(vfs_rename_dirs, "vfs.rename_dirs") {
    Scratch s("rename-d");
    KASSERT(s.ok);
    WalkContext c = s.ctx();
    KASSERT(vfs_mkdir(c, "src", 0755).is_ok());
    KASSERT(put_file(c, "src/inner", "I").is_ok());
    KASSERT(vfs_mkdir(c, "src/sub", 0755).is_ok());
    KASSERT(vfs_mkdir(c, "empty", 0755).is_ok());
    KASSERT(vfs_mkdir(c, "full", 0755).is_ok());
    KASSERT(put_file(c, "full/x", "x").is_ok());
    KASSERT(put_file(c, "file", "F").is_ok());
    KASSERT(vfs_mkdir(c, "p1", 0755).is_ok());
    KASSERT(vfs_mkdir(c, "p2", 0755).is_ok());
    u64 src = ino_of(c, "src");
    // Directory over an empty directory: replaced.
    RefPtr<Inode> empty = resolve(c, "empty").value().dentry->inode_ref();
    Inode& top = *s.path().inode();
    u32 links = top.nlink();
    KASSERT(vfs_rename(c, "src", c, "empty", 0).is_ok());
    KEXPECT_EQ(ino_of(c, "empty"), src);
    KEXPECT(file_is(c, "empty/inner", "I"));
    KEXPECT_EQ(empty->nlink(), 0u);
    KEXPECT(empty->is_dead());
    KEXPECT_EQ(top.nlink(), links - 1);   // one subdirectory fewer
    KASSERT(vfs_rename(c, "empty", c, "src", 0).is_ok());
    // Directory over a non-empty directory, file over directory, directory over file.
    KEXPECT_EQ(err(vfs_rename(c, "src", c, "full", 0)), ENOTEMPTY);
    KEXPECT_EQ(err(vfs_rename(c, "file", c, "full", 0)), EISDIR);
    KEXPECT_EQ(err(vfs_rename(c, "src", c, "file", 0)), ENOTDIR);
    // Into its own subtree: EINVAL; onto an ancestor of itself: ENOTEMPTY.
    KEXPECT_EQ(err(vfs_rename(c, "src", c, "src/sub/moved", 0)), EINVAL);
    KEXPECT_EQ(err(vfs_rename(c, "src", c, "src/new", 0)), EINVAL);
    KEXPECT_EQ(err(vfs_rename(c, "src/sub", c, "src", 0)), ENOTEMPTY);
    KEXPECT_EQ(err(vfs_rename(c, "src/sub", c, "src", RENAME_EXCHANGE)), EINVAL);
    // Between parents: nlink moves with the directory, and its ".." follows.
    Inode& p1 = *resolve(c, "p1").value().inode();
    Inode& p2 = *resolve(c, "p2").value().inode();
    KASSERT(vfs_rename(c, "src", c, "p1/src", 0).is_ok());
    KEXPECT_EQ(p1.nlink(), 3u);
    KASSERT(vfs_rename(c, "p1/src", c, "p2/moved", 0).is_ok());
    KEXPECT_EQ(p1.nlink(), 2u);
    KEXPECT_EQ(p2.nlink(), 3u);
    KEXPECT_EQ(ino_of(c, "p2/moved/.."), p2.ino());
    KEXPECT_EQ(ino_of(c, "p2/moved/sub/../.."), p2.ino());
    KEXPECT(file_is(c, "p2/moved/inner", "I"));
    // getdents of the moved directory reports the new parent for "..".
    auto df = open(c, "p2/moved", O_RDONLY | O_DIRECTORY);
    KASSERT(df.is_ok());
    u8 buf[256];
    usize n = df.value()->getdents64(IoBuffer::kernel(buf, sizeof(buf))).value();
    KEXPECT(n >= 48);
    linux_dirent64 second;
    __builtin_memcpy(&second, buf + 24, 19);
    KEXPECT_EQ(second.d_ino, p2.ino());
    KEXPECT(StringView(reinterpret_cast<char*>(buf + 24 + 19)) == StringView(".."));
    // EXCHANGE of a directory and a file in different parents moves the link counts.
    KASSERT(put_file(c, "p1/f", "f").is_ok());
    KASSERT(vfs_rename(c, "p1/f", c, "p2/moved", RENAME_EXCHANGE).is_ok());
    KEXPECT_EQ(p1.nlink(), 3u);
    KEXPECT_EQ(p2.nlink(), 2u);
    KEXPECT(file_is(c, "p2/moved", "f"));
    KEXPECT(file_is(c, "p1/f/inner", "I"));
    KEXPECT_EQ(ino_of(c, "p1/f/.."), p1.ino());
}

KTEST(vfs_cache_visibility, "vfs.cache_visibility") {
    // Every name is looked up first (so it is cached), then changed; the walk must see the
    // change immediately.
    Scratch s("cache");
    KASSERT(s.ok);
    WalkContext c = s.ctx();
    KASSERT(vfs_mkdir(c, "dir", 0755).is_ok());
    KASSERT(vfs_mkdir(c, "dir/child", 0755).is_ok());
    KASSERT(put_file(c, "dir/child/leaf", "L").is_ok());
    KASSERT(put_file(c, "x", "X").is_ok());
    KASSERT(put_file(c, "y", "Y").is_ok());
    u64 leaf = ino_of(c, "dir/child/leaf"), x = ino_of(c, "x"), y = ino_of(c, "y");
    KEXPECT(leaf && x && y);
    // Rename a directory: everything below follows, nothing stays under the old name.
    KASSERT(vfs_rename(c, "dir", c, "renamed", 0).is_ok());
    KEXPECT_EQ(lookup_err(c, "dir"), ENOENT);
    KEXPECT_EQ(lookup_err(c, "dir/child/leaf"), ENOENT);
    KEXPECT_EQ(ino_of(c, "renamed/child/leaf"), leaf);
    KEXPECT_EQ(ino_of(c, "renamed/child/../child/leaf"), leaf);
    // A file renamed over a cached target: the target name gives the moved inode.
    KASSERT(vfs_rename(c, "x", c, "y", 0).is_ok());
    KEXPECT_EQ(ino_of(c, "y"), x);
    KEXPECT_EQ(lookup_err(c, "x"), ENOENT);
    KEXPECT(file_is(c, "y", "X"));
    // Exchange: both cached names swap.
    KASSERT(put_file(c, "x", "X2").is_ok());
    u64 x2 = ino_of(c, "x");
    KASSERT(vfs_rename(c, "x", c, "y", RENAME_EXCHANGE).is_ok());
    KEXPECT_EQ(ino_of(c, "x"), x);
    KEXPECT_EQ(ino_of(c, "y"), x2);
    // Unlink then create: the new inode, not the cached old one.
    KASSERT(vfs_unlink(c, "y").is_ok());
    KEXPECT_EQ(lookup_err(c, "y"), ENOENT);
    KASSERT(put_file(c, "y", "fresh").is_ok());
    KEXPECT(ino_of(c, "y") != x2);
    KEXPECT(file_is(c, "y", "fresh"));
    // rmdir then mkdir of the same name, with a file inside being looked up in between.
    KASSERT(vfs_unlink(c, "renamed/child/leaf").is_ok());
    KEXPECT_EQ(lookup_err(c, "renamed/child/leaf"), ENOENT);
    KASSERT(vfs_rmdir(c, "renamed/child").is_ok());
    KEXPECT_EQ(lookup_err(c, "renamed/child"), ENOENT);
    KASSERT(vfs_mkdir(c, "renamed/child", 0755).is_ok());
    KEXPECT_EQ(lookup_err(c, "renamed/child/leaf"), ENOENT);
    // A directory renamed over an empty directory whose name was cached.
    KASSERT(vfs_mkdir(c, "target", 0755).is_ok());
    KEXPECT(ino_of(c, "target") != 0);
    u64 renamed = ino_of(c, "renamed");
    KASSERT(vfs_rename(c, "renamed", c, "target", 0).is_ok());
    KEXPECT_EQ(ino_of(c, "target"), renamed);
    KEXPECT_EQ(ino_of(c, "target/child/.."), renamed);
    // Hard link then unlink of the original: the link name stays valid.
    KASSERT(vfs_link(c, "x", c, "target/xl", false).is_ok());
    KASSERT(vfs_unlink(c, "x").is_ok());
    KEXPECT_EQ(ino_of(c, "target/xl"), x);
    KEXPECT_EQ(lookup_err(c, "x"), ENOENT);
    // The dentries of a removed tree are gone from the cache (it only holds live names).
    usize before = dcache_count();
    KASSERT(vfs_unlink(c, "target/xl").is_ok());
    KEXPECT_EQ(dcache_count(), before - 1);
}

namespace {

// Model: three directories × five names; each slot holds 0 (absent) or an inode number.
constexpr int kDirs = 3, kNames = 5;
struct Model {
    u64 ino[kDirs][kNames];
};

void slot_path(char* buf, usize size, int d, int n) { format(buf, size, "m%d/n%d", d, n); }

u64 next_rand(u64& s) {
    s ^= s << 13;
    s ^= s >> 7;
    s ^= s << 17;
    return s;
}

}  // namespace

KTEST(vfs_model, "vfs.random_ops_match_model") {
    Scratch s("model");
    KASSERT(s.ok);
    WalkContext c = s.ctx();
    static Model m;
    __builtin_memset(&m, 0, sizeof(m));
    char p[32], q[32];
    for (int d = 0; d < kDirs; d++) {
        format(p, sizeof(p), "m%d", d);
        KASSERT(vfs_mkdir(c, p, 0755).is_ok());
    }
    u64 rng = 0x9e3779b97f4a7c15ull;
    unsigned mismatches = 0;
    for (int step = 0; step < 1500 && mismatches < 5; step++) {
        u64 r = next_rand(rng);
        int d1 = r % kDirs, n1 = (r >> 8) % kNames, d2 = (r >> 16) % kDirs, n2 = (r >> 24) % kNames;
        slot_path(p, sizeof(p), d1, n1);
        slot_path(q, sizeof(q), d2, n2);
        u64& a = m.ino[d1][n1];
        u64& b = m.ino[d2][n2];
        switch ((r >> 32) % 6) {
        case 0: {   // create
            auto f = open(c, p, O_CREAT | O_EXCL | O_WRONLY);
            KEXPECT_EQ(err(f), a ? EEXIST : 0);
            if (f.is_ok()) a = f.value()->inode().ino();
            break;
        }
        case 1: {   // unlink
            KEXPECT_EQ(err(vfs_unlink(c, p)), a ? 0 : ENOENT);
            a = 0;
            break;
        }
        case 2: {   // link
            int expect = !a ? ENOENT : b ? EEXIST : 0;
            KEXPECT_EQ(err(vfs_link(c, p, c, q, false)), expect);
            if (!expect) b = a;
            break;
        }
        case 3: {   // rename
            int expect = a ? 0 : ENOENT;
            KEXPECT_EQ(err(vfs_rename(c, p, c, q, 0)), expect);
            if (!expect && a != b) {   // same inode: a no-op, both names stay
                b = a;
                a = 0;
            }
            break;
        }
        case 4: {   // rename, no replace
            int expect = !a ? ENOENT : b ? EEXIST : 0;
            KEXPECT_EQ(err(vfs_rename(c, p, c, q, RENAME_NOREPLACE)), expect);
            if (!expect) {
                b = a;
                a = 0;
            }
            break;
        }
        default: {   // exchange
            int expect = (a && b) ? 0 : ENOENT;
            KEXPECT_EQ(err(vfs_rename(c, p, c, q, RENAME_EXCHANGE)), expect);
            if (!expect) {
                u64 t = a;
                a = b;
                b = t;
            }
            break;
        }
        }
        // Every slot must agree with the model.
        for (int d = 0; d < kDirs; d++)
            for (int n = 0; n < kNames; n++) {
                slot_path(p, sizeof(p), d, n);
                u64 got = ino_of(c, p);
                if (got != m.ino[d][n]) {
                    if (mismatches++ < 5)
                        ktest_fail(ktest_ctx, __FILE__, __LINE__, "step %d: %s is ino %llu, model says %llu", step,
                                   p, static_cast<unsigned long long>(got),
                                   static_cast<unsigned long long>(m.ino[d][n]));
                }
            }
    }
    // nlink agrees with the number of names each inode has.
    for (int d = 0; d < kDirs; d++)
        for (int n = 0; n < kNames; n++) {
            if (!m.ino[d][n]) continue;
            u32 names = 0;
            for (int d2 = 0; d2 < kDirs; d2++)
                for (int n2 = 0; n2 < kNames; n2++) names += m.ino[d2][n2] == m.ino[d][n];
            slot_path(p, sizeof(p), d, n);
            KEXPECT_EQ(resolve(c, p).value().inode()->nlink(), names);
        }
}

namespace {

struct StressArgs {
    const Path* dir;
    int id;
    std::atomic<int>* done;
    std::atomic<int>* failures;
};

void stress_thread(void* arg) {
    auto* a = static_cast<StressArgs*>(arg);
    WalkContext c{vfs_root(), *a->dir, kernel_credentials()};
    char mine[32], other[32], shared[32];
    u64 rng = 0x1234567u + a->id * 7919u;
    for (int i = 0; i < 1500; i++) {
        if (i % 8 == 0) thread_yield();   // interleave even on one CPU
        u64 r = next_rand(rng);
        format(mine, sizeof(mine), "t%d-%d", a->id, int(r % 8));
        format(other, sizeof(other), "t%d-%d", a->id, int((r >> 8) % 8));
        format(shared, sizeof(shared), "shared-%d", int((r >> 16) % 4));
        int e = 0;
        switch ((r >> 24) % 6) {
        case 0: e = err(vfs_open(c, mine, O_CREAT | O_WRONLY, 0644)); break;
        case 1: e = err(vfs_unlink(c, mine)); if (e == ENOENT) e = 0; break;
        case 2: e = err(vfs_rename(c, mine, c, other, 0)); if (e == ENOENT) e = 0; break;
        case 3: e = err(vfs_link(c, mine, c, shared, false)); if (e == ENOENT || e == EEXIST) e = 0; break;
        case 4: e = err(vfs_unlink(c, shared)); if (e == ENOENT) e = 0; break;
        default: e = err(resolve(c, shared)); if (e == ENOENT) e = 0; break;
        }
        if (e) a->failures->fetch_add(1);
    }
    a->done->fetch_add(1);
}

}  // namespace

KTEST(vfs_concurrent, "vfs.concurrent_namespace_ops") {
    Scratch s("stress");
    KASSERT(s.ok);
    constexpr int kThreads = 4;
    std::atomic<int> done{0}, failures{0};
    static StressArgs args[kThreads];
    Thread* threads[kThreads];
    Path dir = s.path();
    for (int i = 0; i < kThreads; i++) {
        args[i] = StressArgs{&dir, i, &done, &failures};
        threads[i] = MUST(Thread::create("vfs-stress", stress_thread, &args[i]));
        sched_start(threads[i]);
    }
    u64 deadline = arch::clock_ns() + 120'000'000'000ull;
    while (done.load() < kThreads && arch::clock_ns() < deadline) sleep_ns(2'000'000);
    KEXPECT_EQ(done.load(), kThreads);
    KEXPECT_EQ(failures.load(), 0);
    for (Thread* t : threads) {
        while (!t->finished()) sleep_ns(1'000'000);
        t->unref();
    }
    // What is left is consistent: every listed name resolves, and nlink matches the names.
    WalkContext c = s.ctx();
    auto df = open(c, ".", O_RDONLY | O_DIRECTORY);
    KASSERT(df.is_ok());
    static u8 buf[4096];
    usize n = df.value()->getdents64(IoBuffer::kernel(buf, sizeof(buf))).value();
    unsigned entries = 0;
    for (usize off = 0; off < n;) {
        linux_dirent64 d;
        __builtin_memcpy(&d, buf + off, 19);
        StringView name(reinterpret_cast<char*>(buf + off + 19));
        if (!(name == StringView(".")) && !(name == StringView(".."))) {
            entries++;
            KEXPECT_EQ(ino_of(c, name), d.d_ino);
        }
        off += d.d_reclen;
    }
    KEXPECT(entries <= kThreads * 8 + 4);
}
