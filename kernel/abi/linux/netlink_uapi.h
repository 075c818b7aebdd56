// SPDX-License-Identifier: MIT
// The netlink parts of Linux's UAPI: sockaddr_nl, nlmsghdr, the rtnetlink link and address messages.
#pragma once

#pragma push_macro("__GLIBC__")
#undef __GLIBC__
#include <linux/netlink.h>     // struct sockaddr_nl, struct nlmsghdr, NLM_F_*, NETLINK_ROUTE
#include <linux/rtnetlink.h>   // RTM_*, struct ifinfomsg, struct rtattr, IFLA_*; <linux/if_addr.h> ifaddrmsg, IFA_*
#pragma pop_macro("__GLIBC__")

static_assert(sizeof(sockaddr_nl) == 12);
static_assert(sizeof(nlmsghdr) == 16);
