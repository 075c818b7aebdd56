// SPDX-License-Identifier: MIT
// Futex addresses: misaligned words are EINVAL, unmapped or kernel addresses EFAULT; a private
// FUTEX_WAKE needs no mapping at all, a shared one does; read-only and PROT_NONE mappings.
#include "futex_common.h"

int main(void)
{
    volatile uint32_t *w = fx_shared_page();
    volatile uint32_t *odd = (volatile uint32_t *)((char *)w + 2);
    say("misaligned wait: %s\n", fx_res(fx(odd, FX_WAIT, 0, NULL, NULL, 0)));
    say("misaligned private wake: %s\n", fx_res(fx(odd, FX_WAKE | FX_PRIVATE, 1, NULL, NULL, 0)));
    say("misaligned shared wake: %s\n", fx_res(fx(odd, FX_WAKE, 1, NULL, NULL, 0)));
    say("NULL wait: %s\n", fx_res(fx(NULL, FX_WAIT, 0, NULL, NULL, 0)));
    say("NULL private wake: %s\n", fx_res(fx(NULL, FX_WAKE | FX_PRIVATE, 1, NULL, NULL, 0)));
    say("NULL shared wake: %s\n", fx_res(fx(NULL, FX_WAKE, 1, NULL, NULL, 0)));
    volatile uint32_t *kernel = (volatile uint32_t *)0xffffffff81000000ul;
    say("kernel address wait: %s\n", fx_res(fx(kernel, FX_WAIT, 0, NULL, NULL, 0)));
    say("kernel address private wake: %s\n", fx_res(fx(kernel, FX_WAKE | FX_PRIVATE, 1, NULL, NULL, 0)));

    void *gone = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    munmap(gone, 4096);
    say("unmapped private wait: %s\n", fx_res(fx(gone, FX_WAIT | FX_PRIVATE, 0, NULL, NULL, 0)));
    say("unmapped shared wait: %s\n", fx_res(fx(gone, FX_WAIT, 0, NULL, NULL, 0)));
    say("unmapped private wake: %s\n", fx_res(fx(gone, FX_WAKE | FX_PRIVATE, 1, NULL, NULL, 0)));
    say("unmapped shared wake: %s\n", fx_res(fx(gone, FX_WAKE, 1, NULL, NULL, 0)));
    say("unmapped cmp_requeue: %s\n", fx_res(fx(gone, FX_CMP_REQUEUE | FX_PRIVATE, 1, (void *)1L, w, 0)));
    say("wake_op onto unmapped: %s\n", fx_res(fx(w, FX_WAKE_OP | FX_PRIVATE, 1, (void *)1L, gone, FX_OP(0, 1, 0, 0))));

    void *none = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    say("PROT_NONE private wait: %s\n", fx_res(fx(none, FX_WAIT | FX_PRIVATE, 0, NULL, NULL, 0)));
    say("PROT_NONE shared wake: %s\n", fx_res(fx(none, FX_WAKE, 1, NULL, NULL, 0)));
    void *ro = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    say("read-only private wait (value 0): %s\n", fx_res(fx(ro, FX_WAIT | FX_PRIVATE, 1, NULL, NULL, 0)));
    say("read-only anonymous shared wait: %s\n", fx_res(fx(ro, FX_WAIT, 1, NULL, NULL, 0)));
    say("wake_op onto read-only: %s\n", fx_res(fx(w, FX_WAKE_OP | FX_PRIVATE, 1, (void *)1L, ro, FX_OP(0, 1, 0, 0))));
    void *ro_shared = mmap(NULL, 4096, PROT_READ, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    say("read-only shared mapping, shared wait: %s\n", fx_res(fx(ro_shared, FX_WAIT, 1, NULL, NULL, 0)));
    say("unknown command: %s\n", fx_res(fx(w, 14, 0, NULL, NULL, 0)));
    say("FUTEX_FD: %s\n", fx_res(fx(w, 2, 0, NULL, NULL, 0)));
    say("unknown command, private: %s\n", fx_res(fx(w, 99 | FX_PRIVATE, 0, NULL, NULL, 0)));
    return 0;
}
