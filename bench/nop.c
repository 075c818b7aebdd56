// SPDX-License-Identifier: MIT
// The smallest static program: what the exec benchmarks start.
int main(void) { return 0; }
