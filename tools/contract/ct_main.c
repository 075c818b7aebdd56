// SPDX-License-Identifier: MIT
// Multicall dispatcher: one binary per build variant holds every contract test; argv[1] names the test.
//
// Each test's main() is compiled as ct_main_<id> (with its other symbols made local by objcopy), and the
// generated ct_table.h lists them. `ct.musl fd/dup_basic` runs that test with argv = {"fd/dup_basic", ...}.
// Without arguments the binary lists the tests it holds.
#include <stdio.h>
#include <string.h>

const char *ct_exe;
const char *ct_name;

#define CT_TEST(id, name) int ct_main_##id(int, char **);
#include "ct_table.h"
#undef CT_TEST

static const struct {
    const char *name;
    int (*fn)(int, char **);
} ct_tests[] = {
#define CT_TEST(id, name) {name, ct_main_##id},
#include "ct_table.h"
#undef CT_TEST
};

int main(int argc, char **argv)
{
    ct_exe = argv[0];
    if (argc < 2) {
        for (size_t i = 0; i < sizeof ct_tests / sizeof ct_tests[0]; i++) printf("%s\n", ct_tests[i].name);
        return 0;
    }
    for (size_t i = 0; i < sizeof ct_tests / sizeof ct_tests[0]; i++) {
        if (strcmp(ct_tests[i].name, argv[1]) == 0) {
            ct_name = ct_tests[i].name;
            setvbuf(stdout, NULL, _IOLBF, 0);
            return ct_tests[i].fn(argc - 1, argv + 1);
        }
    }
    fprintf(stderr, "ct: no test named %s\n", argv[1]);
    return 127;
}
