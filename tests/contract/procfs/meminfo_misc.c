// SPDX-License-Identifier: MIT
// System-wide /proc files: meminfo keys and relations, uptime, loadavg format, filesystems, mounts, version.
#include "contract.h"

int main(void)
{
    static char buf[16384];
    ct_read_file("/proc/meminfo", buf, sizeof buf);
    long total = 0, fr = 0, avail = 0;
    char *p;
    if ((p = strstr(buf, "MemTotal:"))) total = atol(p + 9);
    if ((p = strstr(buf, "MemFree:"))) fr = atol(p + 8);
    if ((p = strstr(buf, "MemAvailable:"))) avail = atol(p + 13);
    say("MemTotal between 400 and 512 MiB: %d\n", total > 400 * 1024 && total <= 512 * 1024);
    say("0 < MemFree <= MemTotal: %d, MemAvailable present: %d\n", fr > 0 && fr <= total, avail > 0);
    const char *keys[] = {"Buffers:", "Cached:", "SwapTotal:", "Shmem:"};
    for (int i = 0; i < 4; i++) say("has %s %d\n", keys[i], strstr(buf, keys[i]) != NULL);
    ct_read_file("/proc/uptime", buf, sizeof buf);
    double up = 0, idle = 0;
    int nf = sscanf(buf, "%lf %lf", &up, &idle);
    say("uptime fields: %d, positive: %d\n", nf, up > 0);
    ct_read_file("/proc/loadavg", buf, sizeof buf);
    double a, b, c;
    int run, tot, last;
    say("loadavg fields: %d\n", sscanf(buf, "%lf %lf %lf %d/%d %d", &a, &b, &c, &run, &tot, &last));
    ct_read_file("/proc/filesystems", buf, sizeof buf);
    say("tmpfs listed: %d proc listed: %d\n", strstr(buf, "\ttmpfs\n") != NULL, strstr(buf, "\tproc\n") != NULL);
    ct_read_file("/proc/self/mounts", buf, sizeof buf);
    say("/proc mounted: %d /tmp tmpfs: %d\n", strstr(buf, " /proc proc ") != NULL, strstr(buf, " /tmp tmpfs ") != NULL);
    ct_read_file("/proc/version", buf, sizeof buf);
    say("version starts with Linux version: %d\n", strncmp(buf, "Linux version ", 14) == 0);
    RET(open("/proc/meminfo", O_WRONLY));
    RET(open("/proc/nonexistent", O_RDONLY));
    return 0;
}
