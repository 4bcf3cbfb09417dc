# The kexec bundle: kernel, zstd initrd and manifest.json (dev.reinstaller.protocol.BundleManifest:
# every file's SHA-256 and size, the unpacked initrd size, the boot parameters). The agent checks
# the files against the manifest before it loads anything.
{
  runCommand,
  jq,
  zstd,
  ramdisk,
  arch,
}:
let
  config = ramdisk.config;
  kernelFile = config.system.boot.loader.kernelFile;
  bootParameters = "init=${config.system.build.toplevel}/init ${toString config.boot.kernelParams}";
in
runCommand "reinstaller-bundle-${arch}"
  {
    nativeBuildInputs = [
      jq
      zstd
    ];
    inherit bootParameters;
    workingSetBytes = toString config.reinstaller.ramdisk.workingSetBytes;
  }
  ''
    mkdir -p $out
    cp ${config.system.build.kernel}/${kernelFile} $out/${kernelFile}
    cp ${config.system.build.netbootRamdisk}/initrd $out/initrd.zst
    # The initrd is several zstd-compressed cpio archives in a row; zstd reads them as one stream.
    unpacked=$(zstd -dc $out/initrd.zst | wc -c)
    files='{}'
    for f in ${kernelFile} initrd.zst; do
      sum=$(sha256sum "$out/$f" | cut -d' ' -f1)
      size=$(stat -c %s "$out/$f")
      files=$(jq -c --arg f "$f" --arg sum "$sum" --argjson size "$size" \
        '. + {($f): {sha256: $sum, size: $size}}' <<<"$files")
    done
    jq -n --arg arch ${arch} --arg kernel ${kernelFile} --arg params "$bootParameters" \
      --argjson unpacked "$unpacked" --argjson working "$workingSetBytes" --argjson files "$files" \
      '{schemaVersion: 1, arch: $arch, kernel: $kernel, initrd: "initrd.zst",
        bootParameters: $params, initrdUnpackedBytes: $unpacked, workingSetBytes: $working,
        files: $files}' >$out/manifest.json
    cat $out/manifest.json
  ''
