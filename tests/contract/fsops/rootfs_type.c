// SPDX-License-Identifier: MIT
// The initramfs root is a tmpfs named "rootfs" in /proc/self/mounts and mountinfo (systemd-shutdown
// remounts it read-only; a "tmpfs" it would skip as an API file system), and statfs sees tmpfs.
#include "contract.h"
#include <sys/statfs.h>

int main(void)
{
    char buf[8192];
    if (ct_read_file("/proc/self/mounts", buf, sizeof buf) < 0) return 1;
    for (char *line = strtok(buf, "\n"); line; line = strtok(NULL, "\n")) {
        char src[64], dir[256], type[64];
        if (sscanf(line, "%63s %255s %63s", src, dir, type) == 3 && !strcmp(dir, "/"))
            say("mounts: source %s type %s\n", src, type);
    }
    if (ct_read_file("/proc/self/mountinfo", buf, sizeof buf) < 0) return 1;
    for (char *line = strtok(buf, "\n"); line; line = strtok(NULL, "\n")) {
        char dir[256], *sep = strstr(line, " - ");
        char type[64], src[64];
        if (sscanf(line, "%*d %*d %*s %*s %255s", dir) == 1 && !strcmp(dir, "/") && sep &&
            sscanf(sep, " - %63s %63s", type, src) == 2)
            say("mountinfo: type %s source %s\n", type, src);
    }
    struct statfs sf;
    RET(statfs("/", &sf));
    say("statfs: tmpfs magic %s\n", sf.f_type == 0x01021994 ? "yes" : "no");
    return 0;
}
