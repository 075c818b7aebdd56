// SPDX-License-Identifier: MIT
// fsync/fdatasync/syncfs/sync_file_range on files, directories and pipes; bad descriptors.
#include "contract.h"

int main(void)
{
    int fd = open("f", O_RDWR | O_CREAT | O_TRUNC, 0644);
    write(fd, "x", 1);
    RET(fsync(fd));
    RET(fdatasync(fd));
    RET(syncfs(fd));
    RET(sync_file_range(fd, 0, 0, SYNC_FILE_RANGE_WRITE));
    RET(sync_file_range(fd, -1, 0, 0));
    RET(sync_file_range(fd, 0, 0, 0x80));
    int d = open(".", O_RDONLY | O_DIRECTORY);
    RET(fsync(d));
    int p[2];
    pipe(p);
    RET(fsync(p[0]));
    RET(fsync(77));
    RET(fdatasync(-1));
    sync();
    say("sync returned\n");
    return 0;
}
