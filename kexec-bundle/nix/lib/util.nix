# Small helpers over builtins. The lib evaluates without nixpkgs, so `nix-instantiate --eval` can
# test it on any machine with a Nix binary.
rec {
  # The value of `name` in `set`, or `default` when it is absent or null. Runtime-info JSON leaves
  # out false, empty and null fields, so every optional field is read through this.
  field = name: default: set: if set ? ${name} && set.${name} != null then set.${name} else default;

  filter = builtins.filter;

  optional = cond: value: if cond then [ value ] else [ ];

  optionalAttrs = cond: set: if cond then set else { };

  any = pred: list: builtins.any pred list;

  # The list without repeats, first occurrence kept.
  unique = list: builtins.foldl' (kept: x: if builtins.elem x kept then kept else kept ++ [ x ]) [ ] list;

  # Sorted and without repeats: stable output whatever order the facts came in.
  sortedUnique = list: builtins.sort builtins.lessThan (unique list);

  hasPrefix = prefix: s: builtins.substring 0 (builtins.stringLength prefix) s == prefix;

  # "203.0.113.10/32" -> { ip = "203.0.113.10"; prefix = 32; }; throws on anything else.
  parseCidr =
    cidr:
    let
      m = builtins.match "([0-9a-fA-F.:]+)/([0-9]+)" cidr;
    in
    if m == null then
      throw "reinstaller: '${cidr}' is not an address/prefix"
    else
      {
        ip = builtins.elemAt m 0;
        prefix = builtins.fromJSON (builtins.elemAt m 1);
      };

  isV6 = ip: builtins.match ".*:.*" ip != null;

  # True when `cidr` names exactly one address (/32 for IPv4, /128 for IPv6).
  isHostRoute =
    cidr:
    let
      p = parseCidr cidr;
    in
    p.prefix == (if isV6 p.ip then 128 else 32);
}
