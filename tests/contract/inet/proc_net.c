// SPDX-License-Identifier: MIT
// /proc/net/tcp, tcp6, udp and dev: the lines of this process's own sockets, found by inode number, with their addresses, states and queues; header lines and widths.
#include "inet/inet_test.h"

// Prints the line of /proc/net/<file> whose inode column is fd's inode, ports replaced by P.
static void find(const char *file, int fd, int port)
{
    struct stat st;
    fstat(fd, &st);
    char path[64], line[512], hexport[8];
    snprintf(path, sizeof path, "/proc/net/%s", file);
    snprintf(hexport, sizeof hexport, ":%04X", port);
    FILE *f = fopen(path, "r");
    if (!f) {
        say("%s: %s\n", file, ct_errname(errno));
        return;
    }
    int lines = 0, found = 0;
    size_t header_len = 0;
    while (fgets(line, sizeof line, f)) {
        if (!lines++) header_len = strlen(line);
        char local[64], remote[64], st_[8], queues[32];
        unsigned long ino = 0;
        if (sscanf(line, "%*s %63s %63s %7s %31s %*s %*s %*s %*s %lu", local, remote, st_, queues, &ino) != 5 ||
            ino != (unsigned long)st.st_ino)
            continue;
        found++;
        if (!strcmp(file, "udp")) strcpy(queues + 9, strcmp(queues + 9, "00000000") ? "nonzero" : "zero");
        char *p = strstr(local, hexport);
        if (p) memcpy(p + 1, "PPPP", 4);
        say("%s: local %s remote-port-set %d state %s queues %s\n", file, local, strcmp(remote + strlen(remote) - 4, "0000") != 0, st_, queues);
    }
    say("%s: header length %zu found %d\n", file, header_len, found);
    fclose(f);
}

int main(void)
{
    lo_up();
    int port;
    int l = tcp_listener(&port, 7);
    find("tcp", l, port);
    int c = tcp_connect_to(port);
    int a = accept(l, NULL, NULL);
    write(c, "12345", 5);
    usleep(10000);
    find("tcp", a, port);
    find("tcp", l, port);
    int l6 = socket(AF_INET6, SOCK_STREAM, 0);
    struct sockaddr_in6 a6 = lo6(0);
    bind(l6, (struct sockaddr *)&a6, sizeof a6);
    listen(l6, 3);
    find("tcp6", l6, port_of(l6));
    find("tcp", l6, port_of(l6));
    int u = socket(AF_INET, SOCK_DGRAM, 0);
    struct sockaddr_in any = lo4(0);
    bind(u, (struct sockaddr *)&any, sizeof any);
    struct sockaddr_in to = lo4(port_of(u));
    sendto(u, "abc", 3, 0, (struct sockaddr *)&to, sizeof to);
    find("udp", u, port_of(u));
    FILE *f = fopen("/proc/net/dev", "r");
    char line[256];
    int n = 0, lo = 0;
    while (f && fgets(line, sizeof line, f)) {
        if (n++ < 2) say("dev: %s", line);
        if (strstr(line, "    lo:")) lo++;
    }
    say("dev: lo lines %d\n", lo);
    if (f) fclose(f);
    char target[64] = {0};
    readlink("/proc/net", target, sizeof target - 1);
    say("/proc/net -> %s\n", target);
    return 0;
}
