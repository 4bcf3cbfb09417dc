# VM test of nixosModules.host's network and SSH settings (runs in the workflow; needs nixpkgs and
# KVM). The VM keeps the test framework's own disk and boot loader (reinstaller.storage.enable =
# false); the install itself (pool, GRUB, initrd unlock) is proven by the QEMU testbed.
{ pkgs, hostModule }:
let
  fixture = builtins.fromJSON (builtins.readFile ./fixtures/hetzner-static-onlink.json);
  # The test framework gives the VM's first test NIC (eth1) this MAC.
  mac = "52:54:00:12:01:01";
  info = fixture // {
    nics = map (nic: nic // { inherit mac; }) fixture.nics;
  };
in
pkgs.testers.runNixOSTest {
  name = "reinstaller-host-network";
  # The host module sets nixpkgs.hostPlatform from runtime info.
  node.pkgsReadOnly = false;
  nodes.machine = {
    imports = [ hostModule ];
    reinstaller.runtimeInfo = info;
    reinstaller.storage.enable = false;
    virtualisation.vlans = [ 1 ];
  };
  testScript = ''
    machine.wait_for_unit("systemd-networkd.service")
    machine.wait_until_succeeds("ip -4 addr show | grep -q 'inet 198.51.100.7/32'")
    machine.wait_until_succeeds("ip -4 route show default | grep -q 'via 172.31.1.1 .*onlink'")
    machine.succeed("ip -6 addr show | grep -q '2a01:4f8:1c1e:8a00::1/64'")
    machine.wait_until_succeeds("ip -6 route show default | grep -q 'via fe80::1'")
    machine.succeed("grep -q '^HostKey /persist/etc/ssh/ssh_host_ed25519_key' /etc/ssh/sshd_config")
    machine.succeed("grep -q '^PasswordAuthentication no' /etc/ssh/sshd_config")
    assert "db-02" in machine.succeed("hostname")
  '';
}
