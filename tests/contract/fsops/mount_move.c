// SPDX-License-Identifier: MIT
// mount(MS_MOVE), as switch_root and initramfs scripts use it: a tmpfs with a file and a mount
// inside it moves with both to another directory; the old place is empty again. Errors: a source
// that is not the root of a mount (EINVAL), the root mount (EINVAL), a target inside the moved
// subtree (ELOOP), a missing source (ENOENT), an unprivileged caller (EPERM).
#include "contract.h"
#include <sys/mount.h>

static void touch(const char *p) { close(open(p, O_CREAT | O_WRONLY, 0644)); }

int main(void)
{
    mkdir("from", 0755);
    mkdir("to", 0755);
    RET(mount("tmpfs", "from", "tmpfs", 0, "size=1m"));
    touch("from/FILE");
    mkdir("from/inner", 0755);
    RET(mount("tmpfs", "from/inner", "tmpfs", 0, "size=1m"));
    touch("from/inner/INNER");
    RET(mount("from/inner", "to", NULL, MS_MOVE, NULL));   // a mount inside a mount
    RET(mount("to", "from/inner", NULL, MS_MOVE, NULL));   // and back
    RET(mount("from/inner/..", "to", NULL, MS_MOVE, NULL));
    RET(access("from/FILE", F_OK));
    RET(access("to/FILE", F_OK));
    RET(access("to/inner/INNER", F_OK));
    RET(mount("/", "to", NULL, MS_MOVE, NULL));             // the root mount has no parent
    RET(mount("to", "to/inner", NULL, MS_MOVE, NULL));      // into itself
    RET(mount("nowhere", "from", NULL, MS_MOVE, NULL));
    mkdir("plain", 0755);
    RET(mount("plain", "from", NULL, MS_MOVE, NULL));       // a directory, not a mount
    pid_t p = fork();
    if (p == 0) {
        ct_become_user();
        _exit(mount("to", "from", NULL, MS_MOVE, NULL) == -1 && errno == EPERM ? 0 : 1);
    }
    say("unprivileged: %s\n", ct_wait(p));
    RET(umount2("to/inner", 0));
    RET(umount2("to", 0));
    RET(access("to/FILE", F_OK));
    return 0;
}
