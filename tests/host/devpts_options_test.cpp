// SPDX-License-Identifier: MIT
// devpts mount options as Linux's devpts_parse_param accepts them.
#include <gtest/gtest.h>

#include "fs/devpts/devpts_options.h"

TEST(DevptsOptions, DefaultsWithoutData) {
    auto o = devpts_parse_options(nullptr);
    ASSERT_TRUE(o.is_ok());
    EXPECT_FALSE(o.value().set_uid);
    EXPECT_FALSE(o.value().set_gid);
    EXPECT_EQ(o.value().mode, 0600u);
    EXPECT_EQ(o.value().ptmxmode, 0u);
}

TEST(DevptsOptions, TheUsualSystemdLine) {
    auto o = devpts_parse_options("newinstance,gid=5,mode=620,ptmxmode=000,max=1024");
    ASSERT_TRUE(o.is_ok());
    EXPECT_TRUE(o.value().set_gid);
    EXPECT_EQ(o.value().gid, 5u);
    EXPECT_FALSE(o.value().set_uid);
    EXPECT_EQ(o.value().mode, 0620u);
    EXPECT_EQ(o.value().ptmxmode, 0u);
}

TEST(DevptsOptions, ModesKeepPermissionBitsOnly) {
    auto o = devpts_parse_options("mode=4755,ptmxmode=0666,uid=1000");
    ASSERT_TRUE(o.is_ok());
    EXPECT_EQ(o.value().mode, 0755u);
    EXPECT_EQ(o.value().ptmxmode, 0666u);
    EXPECT_TRUE(o.value().set_uid);
    EXPECT_EQ(o.value().uid, 1000u);
}

TEST(DevptsOptions, RejectsUnknownAndBadValues) {
    EXPECT_EQ(devpts_parse_options("bogus").error_code(), EINVAL);
    EXPECT_EQ(devpts_parse_options("gid=x").error_code(), EINVAL);
    EXPECT_EQ(devpts_parse_options("mode=9").error_code(), EINVAL);
    EXPECT_EQ(devpts_parse_options("newinstance=1").error_code(), EINVAL);
    EXPECT_EQ(devpts_parse_options("uid=4294967295").error_code(), EINVAL);
    EXPECT_TRUE(devpts_parse_options(",,gid=5,").is_ok());
}
