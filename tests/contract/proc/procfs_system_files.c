// SPDX-License-Identifier: MIT
// System-wide /proc files in Linux's formats: meminfo's keys, order and column layout; uptime, loadavg
// and stat lines (btime agreeing with the clock, last_pid with fork); version against uname; filesystems;
// cmdline; cpuinfo's keys and values against CPUID; swaps' header.
#include "contract.h"
#include <cpuid.h>
#include <sys/utsname.h>

static char text[65536];

static int lines_of(char *t, char **out, int max)
{
    int n = 0;
    for (char *l = t; *l && n < max;) {
        char *nl = strchr(l, '\n');
        if (!nl) break;
        *nl = 0;
        out[n++] = l;
        l = nl + 1;
    }
    return n;
}

int main(void)
{
    char *lines[512];
    char keys[4096];

    ct_read_file("/proc/meminfo", text, sizeof text);
    int n = lines_of(text, lines, 512), layout = 0;
    keys[0] = 0;
    for (int i = 0; i < n; i++) {
        char key[64], again[128];
        unsigned long long v;
        sscanf(lines[i], "%63[^:]:%llu", key, &v);
        strcat(keys, key);
        strcat(keys, " ");
        // Linux: "%-16s%8lu kB" (the label includes the colon); the HugePages_ counts have no unit.
        snprintf(again, sizeof again, strncmp(key, "HugePages_", 10) ? "%s:%*s%8llu kB" : "%s:%*s%8llu", key,
                 (int)(15 - strlen(key)), "", v);
        layout += strcmp(again, lines[i]) == 0;
    }
    say("meminfo: %d lines, %d in Linux's layout\nmeminfo keys: %s\n", n, layout, keys);

    ct_read_file("/proc/uptime", text, sizeof text);
    unsigned long a, b, c, d;
    char end;
    say("uptime in \"%%lu.%%02lu %%lu.%%02lu\\n\": %d\n",
        sscanf(text, "%lu.%2lu %lu.%2lu%c", &a, &b, &c, &d, &end) == 5 && end == '\n' && text[strlen(text) - 1] == '\n');
    unsigned long up = a;

    pid_t pid = fork();
    if (pid == 0) { pause(); _exit(0); }
    ct_read_file("/proc/loadavg", text, sizeof text);
    int running, total, last;
    double l1, l5, l15;
    int f = sscanf(text, "%lf %lf %lf %d/%d %d", &l1, &l5, &l15, &running, &total, &last);
    say("loadavg: %d fields, running >= 1: %d, running <= total: %d, last pid is the child: %d\n", f, running >= 1,
        running <= total, last == pid);
    kill(pid, SIGKILL);
    ct_wait(pid);

    ct_read_file("/proc/stat", text, sizeof text);
    n = lines_of(text, lines, 512);
    keys[0] = 0;
    int cpus = 0, cpu_fields = 0;
    long btime = 0;
    for (int i = 0; i < n; i++) {
        char key[32];
        sscanf(lines[i], "%31s", key);
        if (!strncmp(key, "cpu", 3) && key[3]) { cpus++; continue; }
        if (!strcmp(key, "cpu")) {
            for (char *t = strtok(lines[i], " "); t; t = strtok(NULL, " ")) cpu_fields++;
        }
        if (!strcmp(key, "btime")) btime = atol(lines[i] + 6);
        strcat(keys, key);
        strcat(keys, " ");
    }
    say("stat keys: %s\nstat: cpu line fields %d, one cpuN line per CPU: %d\n", keys, cpu_fields,
        cpus == sysconf(_SC_NPROCESSORS_ONLN));
    long now = time(NULL);
    FACT("btime + uptime is now", labs(btime + (long)up - now) <= 2);

    struct utsname u;
    uname(&u);
    ct_read_file("/proc/version", text, sizeof text);
    char want[256];
    snprintf(want, sizeof want, "Linux version %s (", u.release);
    FACT("version starts with release", strncmp(text, want, strlen(want)) == 0);
    snprintf(want, sizeof want, ") %s\n", u.version);
    FACT("version ends with uname version", strlen(text) > strlen(want) && !strcmp(text + strlen(text) - strlen(want), want));

    ct_read_file("/proc/filesystems", text, sizeof text);
    say("filesystems: proc %d sysfs %d tmpfs %d devtmpfs %d\n", strstr(text, "nodev\tproc\n") != 0,
        strstr(text, "nodev\tsysfs\n") != 0, strstr(text, "nodev\ttmpfs\n") != 0, strstr(text, "nodev\tdevtmpfs\n") != 0);
    n = lines_of(text, lines, 512);
    int bad = 0;
    for (int i = 0; i < n; i++) {
        const char *t = strchr(lines[i], '\t');
        bad += !t || (t != lines[i] && strncmp(lines[i], "nodev\t", 6)) || !t[1];
    }
    say("filesystems lines malformed: %d\n", bad);

    ct_read_file("/proc/cmdline", text, sizeof text);
    say("cmdline: ends with newline %d, has rdinit=/init %d\n", text[strlen(text) - 1] == '\n', strstr(text, "rdinit=/init") != 0);

    ct_read_file("/proc/cpuinfo", text, sizeof text);
    n = lines_of(text, lines, 512);
    keys[0] = 0;
    int processors = 0, block_done = 0;
    char vendor[64] = "", family[16] = "", model[16] = "", stepping[16] = "", flags[4096] = "";
    for (int i = 0; i < n; i++) {
        if (!lines[i][0]) { block_done = 1; continue; }
        char *colon = strchr(lines[i], ':');
        if (!colon) continue;
        char key[64];
        size_t kl = strcspn(lines[i], "\t:");
        snprintf(key, sizeof key, "%.*s", (int)kl, lines[i]);
        if (!strcmp(key, "processor")) processors++;
        if (block_done) continue;
        strcat(keys, "[");
        strcat(keys, key);
        strcat(keys, "]");
        const char *v = colon[1] == ' ' ? colon + 2 : colon + 1;
        if (!strcmp(key, "vendor_id")) snprintf(vendor, sizeof vendor, "%s", v);
        if (!strcmp(key, "cpu family")) snprintf(family, sizeof family, "%s", v);
        if (!strcmp(key, "model")) snprintf(model, sizeof model, "%s", v);
        if (!strcmp(key, "stepping")) snprintf(stepping, sizeof stepping, "%s", v);
        if (!strcmp(key, "flags")) snprintf(flags, sizeof flags, " %s ", v);
    }
    say("cpuinfo keys: %s\ncpuinfo: one block per online CPU: %d\n", keys, processors == sysconf(_SC_NPROCESSORS_ONLN));
    unsigned eax, ebx, ecx, edx;
    __cpuid(0, eax, ebx, ecx, edx);
    char v[13];
    memcpy(v, &ebx, 4);
    memcpy(v + 4, &edx, 4);
    memcpy(v + 8, &ecx, 4);
    v[12] = 0;
    __cpuid(1, eax, ebx, ecx, edx);
    unsigned fam = (eax >> 8) & 15, mod = (eax >> 4) & 15;
    if (fam == 15) fam += (eax >> 20) & 255;
    if (fam >= 6) mod += ((eax >> 16) & 15) << 4;
    FACT("vendor_id, family, model, stepping match CPUID", !strcmp(vendor, v) && (unsigned)atoi(family) == fam &&
         (unsigned)atoi(model) == mod && (unsigned)atoi(stepping) == (eax & 15));
    FACT("flags has fpu, tsc, lm, cpuid", strstr(flags, " fpu ") && strstr(flags, " tsc ") && strstr(flags, " lm ") &&
         strstr(flags, " cpuid "));
    FACT("flags sse2 matches CPUID", !!strstr(flags, " sse2 ") == !!(edx & (1u << 26)));

    ct_read_file("/proc/swaps", text, sizeof text);
    say("swaps: [%s]\n", text);
    return 0;
}
