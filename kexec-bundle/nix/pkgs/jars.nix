# The reinstaller jars (agent and installer), built from the repository's Maven project with JDK 25.
# Maven's dependencies are a fixed-output derivation: maven-deps.hash holds its hash. When the
# dependencies change, the build fails with the new hash ("got: sha256-..."); the workflow prints
# it, and it is committed to maven-deps.hash.
{
  maven,
  jdk,
  src,
}:
(maven.override { jdk_headless = jdk; }).buildMavenPackage {
  pname = "reinstaller-jars";
  version = "0.1.0";
  inherit src;
  mvnHash = builtins.replaceStrings [ "\n" ] [ "" ] (builtins.readFile ./maven-deps.hash);
  # Tests, formatting and the enforcer's Maven version pin run in the Maven CI job; nixpkgs' Maven
  # may be older than the wrapper's.
  mvnParameters = "-pl agent,kexec-bundle -am -DskipTests -Dspotless.check.skip=true -Denforcer.skip=true";
  installPhase = ''
    runHook preInstall
    install -Dm644 agent/target/reinstaller-agent.jar $out/share/reinstaller/reinstaller-agent.jar
    install -Dm644 kexec-bundle/target/reinstaller-installer.jar $out/share/reinstaller/reinstaller-installer.jar
    runHook postInstall
  '';
}
