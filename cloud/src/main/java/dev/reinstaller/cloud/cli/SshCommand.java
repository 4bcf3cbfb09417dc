package dev.reinstaller.cloud.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;

/**
 * What every command that speaks SSH has: the edges it runs against, how to log in and check host
 * keys ({@link SshOptions}) and {@code --verbose}. Picocli reads these options in each subclass.
 */
abstract class SshCommand implements Callable<Integer> {
    final CloudContext context;

    @Mixin
    SshOptions ssh = new SshOptions();

    @Mixin
    VerboseOption verbose = new VerboseOption();

    SshCommand(CloudContext context) {
        this.context = context;
    }
}
