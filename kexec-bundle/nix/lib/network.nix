# Runtime info -> systemd-networkd settings, for the installed system and for its initrd.
#
# Every physical NIC is matched by MAC (names differ between the old system, the initrd and NixOS).
# A gateway outside the NIC's subnets is reached "on link": runtime info records either the route's
# on-link flag or a link-scope host route to the gateway (what Hetzner's DHCP hands out:
# 172.31.1.1/32 scope link + default via 172.31.1.1). Both forms become one route with
# GatewayOnLink, and the host route to the gateway is folded into it.
{ util }:
let
  inherit (util)
    field
    filter
    optional
    optionalAttrs
    any
    isHostRoute
    parseCidr
    ;

  addressesOf = nic: field "addresses" [ ] nic;
  routesOf = nic: field "routes" [ ] nic;
  isDhcp = address: field "dhcp" false address;
  isLinkScope = route: field "linkScope" false route;
  hasOnLinkFlag = route: field "onLink" false route;
  isDefault = route: route.to == "default";

  # systemd.network.networks attribute name: "10-" and the MAC without colons.
  unitName = nic: "10-" + builtins.replaceStrings [ ":" ] [ "" ] nic.mac;

  gatewaysOf = nic: map (r: r.via) (filter (r: !isLinkScope r) (routesOf nic));

  # Gateways that a link-scope host route puts on the link.
  linkGateways =
    nic: map (r: (parseCidr r.to).ip) (filter (r: isLinkScope r && isHostRoute r.to) (routesOf nic));

  # A link-scope host route to one of this NIC's gateways says only "the gateway is on the link":
  # GatewayOnLink on the gateway's routes says the same, so the host route itself is dropped.
  isFoldedHostRoute =
    nic: r: isLinkScope r && isHostRoute r.to && builtins.elem (parseCidr r.to).ip (gatewaysOf nic);

  routeSection =
    nic: r:
    if isLinkScope r then
      {
        Destination = r.to;
        Scope = "link";
      }
    else
      optionalAttrs (!isDefault r) { Destination = r.to; }
      // {
        Gateway = r.via;
      }
      // optionalAttrs (hasOnLinkFlag r || builtins.elem r.via (linkGateways nic)) {
        GatewayOnLink = true;
      };

  routeSections = nic: map (routeSection nic) (filter (r: !isFoldedHostRoute nic r) (routesOf nic));

  hasDefaultRoute = nic: any isDefault (routesOf nic);

  # Resolvers go on the NICs that carry a default route (they are reached through it); on every NIC
  # when none does.
  dnsNics =
    info:
    let
      nics = field "nics" [ ] info;
      uplinks = filter hasDefaultRoute nics;
    in
    if uplinks == [ ] then nics else uplinks;

  matchConfig = nic: {
    MACAddress = nic.mac;
    # Only the physical NIC: a VLAN, bond or bridge may carry the same MAC.
    Type = "ether";
  };

  # The installed system: IPv4 by DHCP where the old host used DHCP, everything else static.
  networkFor =
    info: nic:
    let
      dhcp4 = any isDhcp (addressesOf nic);
      dns = field "nameServers" [ ] info;
    in
    {
      matchConfig = matchConfig nic;
      address = map (a: a.cidr) (filter (a: !isDhcp a) (addressesOf nic));
      DHCP = if dhcp4 then "ipv4" else "no";
      # Addresses and routes are exactly the recorded ones: no router advertisements.
      networkConfig.IPv6AcceptRA = false;
      routes = routeSections nic;
    }
    // optionalAttrs (dns != [ ] && builtins.elem nic (dnsNics info)) { inherit dns; };

  # The initrd (SSH unlock): no DHCP client and no resolver, the recorded addresses pinned
  # statically, including those the old host got by DHCP, so the unlock port comes up without a
  # lease on IPv4 and on IPv6-only hosts alike.
  initrdNetworkFor = nic: {
    matchConfig = matchConfig nic;
    address = map (a: a.cidr) (addressesOf nic);
    DHCP = "no";
    networkConfig.IPv6AcceptRA = false;
    routes = routeSections nic;
  };

  byUnitName =
    f: info:
    builtins.listToAttrs (
      map (nic: {
        name = unitName nic;
        value = f nic;
      }) (field "nics" [ ] info)
    );
in
{
  inherit unitName;

  # systemd.network.networks of the installed system.
  networks = info: byUnitName (networkFor info) info;

  # boot.initrd.systemd.network.networks for the SSH unlock.
  initrdNetworks = info: byUnitName initrdNetworkFor info;

  # NIC drivers, for the initrd's module list. A NIC that reports its virtio transport (virtio-pci)
  # as its driver is a virtio_net NIC.
  nicDrivers =
    info:
    map (driver: if builtins.elem driver [ "virtio-pci" "virtio_pci" ] then "virtio_net" else driver) (
      builtins.concatMap (nic: optional (field "driver" null nic != null) nic.driver) (field "nics" [ ] info)
    );
}
