/* SPDX-License-Identifier: MIT */
/* The built vDSO (VDSO_IMAGE, a path set by sources.cmake) as read-only kernel data; exec copies
   nothing from it per process: vdso_init copies it once into the pages every process maps. */
.section .rodata.vdso, "a"
.p2align 4
.global vdso_image_start
vdso_image_start:
.incbin VDSO_IMAGE
.global vdso_image_end
vdso_image_end:
