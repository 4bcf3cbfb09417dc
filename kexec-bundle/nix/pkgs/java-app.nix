# One reinstaller program on its own jlinked Java runtime: only the JDK modules the jar needs
# (found by jdeps), without debug symbols, headers or man pages. The runtime is left uncompressed:
# the ramdisk's squashfs compresses it better than jlink's zip would.
#
# With aotTraining (a script of the repository `src`, called as SCRIPT JAVA JAR CACHE JAVA-OPTIONS...)
# the package also holds a JDK AOT cache (JEP 483/514/515) from a training run of the packaged
# runtime and jar, and the launcher starts with it. The cache keeps the jar's size and modification
# time; the store resets every time to 1 after the build, so the training runs on files already at 1.
{
  lib,
  runCommand,
  runtimeShell,
  jdk,
  binutils,
  curl,
  jars,
  name,
  # Modules jdeps cannot see: reflection, ServiceLoader, Netty's optional use of jdk.unsupported.
  extraModules ? [ ],
  # Modules jdeps reports but the program does not use at run time (large, e.g. java.desktop).
  dropModules ? [ ],
  javaOptions ? [ ],
  src ? null,
  aotTraining ? null,
}:
let
  aot = aotTraining != null;
  cacheOption = lib.optionalString aot "-XX:AOTCache=$out/lib/${name}.aot";
in
runCommand name
  {
    nativeBuildInputs = [
      jdk
      binutils
    ]
    ++ lib.optional aot curl;
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
    ${lib.optionalString aot ''
      find $out/lib -exec touch -h --date=@1 {} +
      bash ${src}/${aotTraining} $out/lib/runtime/bin/java $out/lib/${name}.jar $out/lib/${name}.aot \
        ${lib.escapeShellArgs javaOptions}
      touch --date=@1 $out/lib/${name}.aot
    ''}
    mkdir -p $out/bin
    cat >$out/bin/${name} <<LAUNCHER
    #!${runtimeShell}
    exec $out/lib/runtime/bin/java ${lib.escapeShellArgs javaOptions} ${cacheOption} -jar $out/lib/${name}.jar "\$@"
    LAUNCHER
    chmod 755 $out/bin/${name}
    $out/bin/${name} --version
  ''
