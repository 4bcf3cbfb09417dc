# reinstaller's pure functions: runtime info (builtins.fromJSON of runtime-info.json) -> NixOS
# settings. Builtins only, no nixpkgs, so `nix-instantiate --eval --strict --json` tests them
# anywhere. The NixOS module nix/modules/host.nix applies the result; the tests in nix/tests
# compare it with expected JSON.
let
  util = import ./util.nix;
  network = import ./network.nix { inherit util; };
  hardware = import ./hardware.nix { inherit util; };
  storage = import ./storage.nix { inherit util hardware; };

  # What the functions rely on; everything else has a default. Mistakes fail evaluation with the
  # field that is wrong.
  check =
    info:
    let
      fail = what: throw "reinstaller: runtime info ${what}";
    in
    if (info.schemaVersion or null) != 1 then
      fail "has schemaVersion ${builtins.toJSON (info.schemaVersion or null)}; this module reads 1"
    else if builtins.match "[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?" (info.hostName or "") == null then
      fail "hostName '${info.hostName or ""}' is not a host name"
    else if builtins.match "[0-9a-f]{8}" (info.hostId or "") == null then
      fail "hostId '${info.hostId or ""}' is not 8 lowercase hex digits"
    else
      info;

  settingsFor =
    unchecked:
    let
      info = check unchecked;
      keys = util.field "authorizedKeys" [ ] info;
    in
    {
      networking = {
        inherit (info) hostName hostId;
        useDHCP = false;
        useNetworkd = true;
      };
      systemd.network = {
        enable = true;
        networks = network.networks info;
      };
      boot = {
        initrd = {
          availableKernelModules = hardware.initrdModules info (network.nicDrivers info);
          systemd.network.networks = network.initrdNetworks info;
          network.ssh.authorizedKeys = keys;
        };
        loader = hardware.bootLoader info;
        zfs.devNodes = storage.devNodes info;
      };
      fileSystems = storage.fileSystems info;
      nixpkgs.hostPlatform = hardware.hostPlatform info;
      users.users.root.openssh.authorizedKeys.keys = keys;
    };
in
{
  inherit
    settingsFor
    check
    network
    hardware
    storage
    ;
}
