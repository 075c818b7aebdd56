// SPDX-License-Identifier: MIT
// NETLINK_ROUTE requests that change the configuration (linux: rtnl_newlink/rtnl_setlink,
// inet_rtm_newaddr/deladdr, inet_rtm_newroute/delroute): what BusyBox and iproute2 `ip link set`,
// `ip addr add/del` and `ip route add/del` send. IPv4 only; one address per device (as the ioctls).
// Under inet_lock().
#pragma once

#include "lib/types.h"

// True when type is one of these requests; err gets 0 or the errno to report.
bool netlink_config(u16 type, u16 flags, const u8* body, usize len, int& err);
