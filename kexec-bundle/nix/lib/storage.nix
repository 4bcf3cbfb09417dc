# The pool layout the installer creates, as NixOS file systems. Every dataset has
# mountpoint=legacy, so NixOS mounts them from fileSystems.
{ util, hardware }:
let
  pool = "rpool";

  zfs = dataset: {
    device = "${pool}/${dataset}";
    fsType = "zfs";
  };
in
{
  inherit pool;

  # The ZFS pool is on partition 3, the ESP is partition 2.
  fileSystems =
    info:
    let
      disk = hardware.targetDisk info;
    in
    {
      "/" = zfs "local/root";
      "/nix" = zfs "local/nix";
      "/home" = zfs "safe/home";
      # Host keys live here, and the initrd's: mounted in stage 1 with the root.
      "/persist" = zfs "safe/persist" // {
        neededForBoot = true;
      };
      "/boot" = {
        device = hardware.partitionPath disk 2;
        fsType = "vfat";
        options = [
          "fmask=0077"
          "dmask=0077"
        ];
      };
    };

  # Where `zpool import` looks: the by-id links the pool was created on, or the partition UUIDs
  # when the disk has no by-id link.
  devNodes =
    info:
    if (hardware.targetDisk info) ? byId then "/dev/disk/by-id" else "/dev/disk/by-partuuid";
}
