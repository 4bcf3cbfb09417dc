package dev.reinstaller.cloud.reinstall;

import dev.reinstaller.cloud.hetzner.Server;

/** Where a reinstall reports what it does. Called from many threads at once (one per server). */
public interface Progress {

    /** A stage began. */
    void stage(Server server, Stage stage, String message);

    /** Output worth showing (the agent's preflight). */
    void output(Server server, Stage stage, String text);

    /** An event from the installer. */
    void installer(Server server, InstallerEvent event);

    /** The server's reinstall ended. */
    void finished(ServerOutcome outcome);

    /** Reports nothing. */
    static Progress none() {
        return new Progress() {
            @Override
            public void stage(Server server, Stage stage, String message) {}

            @Override
            public void output(Server server, Stage stage, String text) {}

            @Override
            public void installer(Server server, InstallerEvent event) {}

            @Override
            public void finished(ServerOutcome outcome) {}
        };
    }
}
