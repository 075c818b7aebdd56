// SPDX-License-Identifier: MIT
// The virtio 1.x ABI from Linux's UAPI headers: the modern PCI transport's capabilities and
// common configuration, status and feature bits, the split ring, and virtio-blk's requests.
#pragma once

#pragma push_macro("__GLIBC__")
#undef __GLIBC__
// Without the legacy vring layout helpers (C code that does not compile as C++).
#define VIRTIO_RING_NO_LEGACY 1
#include <linux/virtio_config.h>
#include <linux/virtio_ids.h>
#include <linux/virtio_pci.h>
#include <linux/virtio_ring.h>
#include <linux/virtio_blk.h>
#pragma pop_macro("__GLIBC__")

#include <stddef.h>

static_assert(sizeof(vring_desc) == 16);
static_assert(sizeof(virtio_pci_cap) == 16);
static_assert(offsetof(virtio_pci_common_cfg, queue_desc_lo) == 0x20);
static_assert(sizeof(virtio_blk_outhdr) == 16);

#pragma push_macro("__GLIBC__")
#undef __GLIBC__
#define class class_   // virtio_net_ctrl_hdr has a member named class
#include <linux/virtio_net.h>
#undef class
#pragma pop_macro("__GLIBC__")
static_assert(sizeof(virtio_net_hdr_v1) == 12);
