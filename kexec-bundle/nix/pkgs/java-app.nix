# One reinstaller program on its own jlinked Java runtime: only the JDK modules the jar needs
# (found by jdeps), without debug symbols, headers or man pages. The runtime is left uncompressed:
# the ramdisk's squashfs compresses it better than jlink's zip would.
{
  lib,
  runCommand,
  runtimeShell,
  jdk,
  binutils,
  jars,
  name,
  # Modules jdeps cannot see: reflection, ServiceLoader, Netty's optional use of jdk.unsupported.
  extraModules ? [ ],
  # Modules jdeps reports but the program does not use at run time (large, e.g. java.desktop).
  dropModules ? [ ],
  javaOptions ? [ ],
}:
runCommand name
  {
    nativeBuildInputs = [
      jdk
      binutils
    ];
    meta.mainProgram = name;
  }
  ''
    jar=${jars}/share/reinstaller/${name}.jar
    modules="$(jdeps --ignore-missing-deps --print-module-deps --multi-release 25 "$jar")"
    modules="$(tr ',' '\n' <<<"$modules" | grep -vxF ${
      lib.concatMapStringsSep " " (m: "-e ${lib.escapeShellArg m}") ([ "-" ] ++ dropModules)
    } | paste -sd, -)"
    modules="$modules${lib.concatMapStrings (m: ",${m}") extraModules}"
    echo "jlink modules: $modules"
    jlink --add-modules "$modules" \
      --strip-debug --no-header-files --no-man-pages \
      --strip-native-debug-symbols=objcopy=${binutils}/bin/objcopy \
      --output $out/lib/runtime
    install -Dm644 "$jar" $out/lib/${name}.jar
    mkdir -p $out/bin
    cat >$out/bin/${name} <<LAUNCHER
    #!${runtimeShell}
    exec $out/lib/runtime/bin/java ${lib.escapeShellArgs javaOptions} -jar $out/lib/${name}.jar "\$@"
    LAUNCHER
    chmod 755 $out/bin/${name}
    $out/bin/${name} --version
  ''
