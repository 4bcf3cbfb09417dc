# Runtime info -> platform, initrd kernel modules and boot loader.
{ util }:
let
  inherit (util)
    field
    optional
    hasPrefix
    sortedUnique
    ;

  platforms = {
    x86_64 = "x86_64-linux";
    aarch64 = "aarch64-linux";
  };

  # Module names use underscores; sysfs driver names sometimes use dashes (virtio-pci).
  moduleName = driver: builtins.replaceStrings [ "-" ] [ "_" ] driver;

  # Disk controllers whose disks are not SCSI disks; every other controller needs sd_mod too.
  ownBlockDriver = [
    "nvme"
    "virtio_blk"
  ];

  # When runtime info names no disk driver: what cloud and common server disks need.
  fallbackDiskModules = [
    "ahci"
    "nvme"
    "sd_mod"
    "virtio_blk"
    "virtio_pci"
    "virtio_scsi"
  ];

  diskModules =
    disk:
    let
      driver = field "driver" null disk;
    in
    if driver == null then
      fallbackDiskModules
    else
      [ (moduleName driver) ] ++ optional (!builtins.elem (moduleName driver) ownBlockDriver) "sd_mod";
in
rec {
  # nixpkgs.hostPlatform from the architecture.
  hostPlatform =
    info:
    platforms.${info.arch}
      or (throw "reinstaller: architecture '${info.arch}' is not served (x86_64 or aarch64)");

  # The disk the pool and the boot partitions are on: the first one.
  targetDisk =
    info:
    let
      disks = field "disks" [ ] info;
    in
    if disks == [ ] then throw "reinstaller: runtime info names no target disk" else builtins.head disks;

  # The disk's stable path: its by-id link where it has one, else /dev/<name>.
  diskPath = disk: field "byId" "/dev/${disk.name}" disk;

  # Partition `n` of the disk: "<by-id>-part<n>", or /dev/sda<n> and /dev/nvme0n1p<n>.
  partitionPath =
    disk: n:
    if disk ? byId then
      "${disk.byId}-part${toString n}"
    else
      let
        separator = if builtins.match ".*[0-9]" disk.name != null then "p" else "";
      in
      "/dev/${disk.name}${separator}${toString n}";

  # boot.initrd.availableKernelModules: the disk controller's and every NIC's driver, plus the
  # virtio transport when any of them is a virtio driver.
  initrdModules =
    info: nicDrivers:
    let
      fromDrivers = diskModules (targetDisk info) ++ map moduleName nicDrivers;
      virtio = builtins.any (hasPrefix "virtio") fromDrivers;
      transport =
        optional virtio "virtio_pci" ++ optional (virtio && info.arch == "aarch64") "virtio_mmio";
    in
    sortedUnique (fromDrivers ++ transport);

  # GRUB on the hybrid layout (partition 1 BIOS boot, partition 2 ESP at /boot): installed to the
  # disk for BIOS and as the removable EFI loader, so the disk boots either way whatever firmware
  # the host has today. aarch64 has no BIOS: EFI only.
  bootLoader = info: {
    grub = {
      enable = true;
      efiSupport = true;
      efiInstallAsRemovable = true;
      devices = if info.arch == "aarch64" then [ "nodev" ] else [ (diskPath (targetDisk info)) ];
    };
    efi = {
      canTouchEfiVariables = false;
      efiSysMountPoint = "/boot";
    };
  };
}
