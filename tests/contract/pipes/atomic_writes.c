// SPDX-License-Identifier: MIT
// Writes of at most PIPE_BUF bytes are atomic: several writers' records never interleave.
#include "contract.h"
#include <limits.h>

#define WRITERS 4
#define RECORDS 64

int main(void)
{
    int p[2];
    pipe(p);
    say("PIPE_BUF: %d\n", PIPE_BUF);
    for (int w = 0; w < WRITERS; w++) {
        if (fork() == 0) {
            char rec[PIPE_BUF];
            memset(rec, 'A' + w, sizeof rec);
            for (int i = 0; i < RECORDS; i++) write(p[1], rec, sizeof rec);
            _exit(0);
        }
    }
    close(p[1]);
    char rec[PIPE_BUF];
    int counts[WRITERS] = {0}, torn = 0, records = 0;
    while (ct_read_full(p[0], rec, sizeof rec) == PIPE_BUF) {
        records++;
        for (int i = 1; i < PIPE_BUF; i++) if (rec[i] != rec[0]) { torn++; break; }
        if (rec[0] >= 'A' && rec[0] < 'A' + WRITERS) counts[rec[0] - 'A']++;
    }
    int st;
    while (wait(&st) > 0) {}
    say("records: %d torn: %d\n", records, torn);
    for (int w = 0; w < WRITERS; w++) say("writer %d: %d\n", w, counts[w]);
    return 0;
}
