/* SPDX-License-Identifier: MIT */
/* Wraps the generated symbol table (KSYMS_BLOB, a path) or, when undefined, an empty table. */
.section .ksyms, "a"
.p2align 3
.global __ksyms_start
__ksyms_start:
#ifdef KSYMS_BLOB
.incbin KSYMS_BLOB
#endif
.global __ksyms_end
__ksyms_end:
