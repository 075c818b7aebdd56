# SPDX-License-Identifier: MIT
# The PCI bus: enumeration, BARs, capabilities, MSI-X/INTx (the x86 access methods are in arch).
list(APPEND KERNEL_SOURCES
  ${CMAKE_CURRENT_SOURCE_DIR}/arch/x86_64/pci_x86.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/drivers/pci/pci.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/drivers/pci/pci_config.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/drivers/pci/pci_irq.cpp
)
