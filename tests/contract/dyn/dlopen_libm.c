// SPDX-License-Identifier: MIT
// dlopen at run time: a system library (libm.so.6) is mapped and cos() called through dlsym;
// a missing library, a file that is not ELF and a truncated ELF give the loader's own errors.
#include "contract.h"
#include <dlfcn.h>
#include <sys/auxv.h>

static void try_open(const char *label, const char *path)
{
    void *h = dlopen(path, RTLD_NOW);
    const char *e = h ? NULL : dlerror();
    say("%s: %s\n", label, h ? "loaded" : e ? e : "failed without a message");
    if (h) dlclose(h);
}

int main(void)
{
    if (getauxval(AT_BASE) == 0) {
        say("static program: no dynamic loader\n");
        return 0;
    }
    void *h = dlopen("libm.so.6", RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        say("dlopen libm: %s\n", dlerror());
        return 1;
    }
    double (*c)(double) = (double (*)(double))dlsym(h, "cos");
    say("cos found: %s\n", c ? "yes" : "no");
    if (c) say("cos(0) = %.1f, cos(pi) = %.1f\n", c(0.0), c(3.141592653589793));
    say("missing symbol: %s\n", dlsym(h, "no_such_function_here") ? "found" : "not found");
    // libm now shows in the maps as file mappings of the library.
    static char maps[65536];
    ct_read_file("/proc/self/maps", maps, sizeof maps);
    int lines = 0;
    for (char *l = strtok(maps, "\n"); l; l = strtok(NULL, "\n"))
        if (strstr(l, "/libm.so.6")) lines++;
    say("libm mappings in maps: %s\n", lines >= 2 ? "several" : lines ? "one" : "none");
    say("dlclose: %d\n", dlclose(h));
    try_open("missing library", "libnosuchlib.so.1");
    ct_write_file("tiny.so", "this is not an ELF shared object\n", 0755);
    try_open("short text file", "/tmp/t/tiny.so");
    static char text[2000];
    memset(text, 'x', sizeof text - 1);
    ct_write_file("notelf.so", text, 0755);
    try_open("text file", "/tmp/t/notelf.so");
    // The first 1000 bytes of libm: a valid header whose segments run past the end of the file.
    int in = open("/lib/x86_64-linux-gnu/libm.so.6", O_RDONLY);
    static char head[1000];
    ssize_t n = in >= 0 ? read(in, head, sizeof head) : -1;
    int out = open("short.so", O_WRONLY | O_CREAT | O_TRUNC, 0755);
    if (n > 0) write(out, head, n);
    close(out);
    // The loader maps it and reads past the end of the file: SIGBUS, as Linux delivers it.
    pid_t pid = fork();
    if (pid == 0) {
        try_open("truncated library", "/tmp/t/short.so");
        _exit(0);
    }
    say("truncated library: %s\n", ct_wait(pid));
    return 0;
}
