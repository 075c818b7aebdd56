# SPDX-License-Identifier: MIT
# Front door. `make run` and `make test` install what they need (tools/install-deps), build in
# parallel with CMake + Ninja, and boot under QEMU (TCG).
BUILD ?= build
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?= -DCMAKE_BUILD_TYPE=Debug
APPEND ?= console=ttyS0
MEMORY ?= 512M

.PHONY: all deps configure build run debug test bench clean

all: build

deps:
	@tools/install-deps

$(BUILD)/build.ninja: | deps
	cmake -S . -B $(BUILD) -G Ninja $(CMAKE_FLAGS)

configure: $(BUILD)/build.ninja

build: deps configure
	ninja -C $(BUILD) -j $(JOBS)

INITRD ?= $(BUILD)/initramfs-busybox.cpio
# Raw disk images to attach as virtio-blk disks (vda, vdb...): make run DISK="a.img b.img".
DISK ?=
# A virtio-net NIC on QEMU's user network (restrict=on): make run NET=1, or NET="HOSTFWD..." to forward
# host ports, e.g. NET=tcp:127.0.0.1:8080-:80 (then eth0: ifconfig eth0 10.0.2.15 up).
NET ?=

run: build
	tools/run-qemu --interactive --kernel $(BUILD)/aramid.elf --memory $(MEMORY) --append "$(APPEND)" \
	  --initrd $(INITRD) $(foreach d,$(DISK),--disk $(d)) $(if $(NET),--net) \
	  $(foreach f,$(filter-out 1,$(NET)),--hostfwd $(f))

# QEMU paused with a gdb stub on :1234; gdb attaches with the kernel's symbols loaded.
debug: build
	tools/run-qemu --kernel $(BUILD)/aramid.elf --memory $(MEMORY) --append "$(APPEND)" --gdb --timeout 0 & \
	  sleep 1; gdb -q $(BUILD)/aramid.elf -ex "target remote :1234" -ex "hbreak kernel_main" -ex "continue"; \
	  kill %1 2>/dev/null || true

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS) --timeout 900

# Benchmarks compare release builds: Aramid without UBSan and lock-order checks (as Linux's
# distro kernel has neither), in its own build directory so `make test` keeps its debug build.
RELEASE_BUILD ?= $(BUILD)/release
bench: build
	cmake -S . -B $(RELEASE_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
	ninja -C $(RELEASE_BUILD) -j $(JOBS) aramid
	tools/bench/run --build $(BUILD) --no-build --aramid $(RELEASE_BUILD)/aramid.elf $(BENCH_ARGS)

clean:
	rm -rf $(BUILD)
