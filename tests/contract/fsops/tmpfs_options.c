// SPDX-License-Identifier: MIT
// tmpfs size= and nr_inodes= take memparse numbers (k/m/g... suffixes) and size= a % of RAM: the
// option strings systemd mounts /run and /dev/shm with. statfs shows the inode limit exactly.
#include "contract.h"
#include <sys/mount.h>
#include <sys/statfs.h>

static void try_mount(const char *opts)
{
    struct statfs sf;
    mkdir("m", 0755);
    if (mount("tmpfs", "m", "tmpfs", MS_NOSUID | MS_NODEV | MS_STRICTATIME, opts) != 0) {
        say("%s: %s\n", opts, ct_errname(errno));
        return;
    }
    statfs("m", &sf);
    // The default inode count depends on the RAM each kernel sees: exact only when given.
    if (strstr(opts, "nr_inodes"))
        say("%s: files %llu, blocks %s\n", opts, (unsigned long long)sf.f_files, sf.f_blocks == 0 ? "none" : "some");
    else
        say("%s: files %s, blocks %s\n", opts, sf.f_files == 0 ? "none" : "some", sf.f_blocks == 0 ? "none" : "some");
    umount("m");
}

int main(void)
{
    try_mount("mode=0755,size=20%,nr_inodes=800k");
    try_mount("mode=01777,size=50%,nr_inodes=1m");
    try_mount("nr_inodes=4K");
    try_mount("size=1M,nr_inodes=2g");
    try_mount("nr_inodes=10x");
    try_mount("nr_inodes=k");
    try_mount("size=0");
    try_mount("size=101%");
    try_mount("size=2k%");
    try_mount("nr_inodes=0x10,size=010k");
    try_mount("nr_inodes=0x");
    try_mount("nr_inodes=99999999999999999999");
    try_mount("nr_inodes=20000000000000000");
    try_mount("size=-1");
    return 0;
}
