/* SPDX-License-Identifier: MIT */
/* The archive the vfs.initramfs_* ktests unpack (VFS_TEST_CPIO: a path, made at build time by
   tests/ktest/make_vfs_test_cpio.sh with GNU cpio). */
.section .rodata.vfs_test_cpio, "a"
.p2align 4
.global vfs_test_cpio_start
vfs_test_cpio_start:
.incbin VFS_TEST_CPIO
.global vfs_test_cpio_end
vfs_test_cpio_end:
.section .note.GNU-stack, "", @progbits
