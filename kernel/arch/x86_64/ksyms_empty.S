/* SPDX-License-Identifier: MIT */
/* The first link's placeholder: the same section with an empty table. */
#include "ksyms_blob.S"
