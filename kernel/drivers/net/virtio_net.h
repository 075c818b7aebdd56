// SPDX-License-Identifier: MIT
// virtio-net (virtio 1.x, 5.1): each device becomes an Ethernet NetDevice named eth0, eth1...
// with the MAC address from its configuration space. One receive and one transmit queue, no
// offloads: every frame is a whole Ethernet frame after a zeroed virtio_net_hdr.
#pragma once

// Registers the PCI driver (call before pci_init()).
void virtio_net_register();
