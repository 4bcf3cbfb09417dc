package dev.reinstaller.cloud.reinstall;

/** Where a reinstall reports what it does. Called from many threads at once (one per server). */
public interface Progress {

    /** A stage began. */
    void stage(Host server, Stage stage, String message);

    /** Output worth showing (the agent's preflight). */
    void output(Host server, Stage stage, String text);

    /** An event from the installer. */
    void installer(Host server, InstallerEvent event);

    /** The server's reinstall ended. */
    void finished(ServerOutcome outcome);

    /** Reports nothing. */
    static Progress none() {
        return new Progress() {
            @Override
            public void stage(Host server, Stage stage, String message) {}

            @Override
            public void output(Host server, Stage stage, String text) {}

            @Override
            public void installer(Host server, InstallerEvent event) {}

            @Override
            public void finished(ServerOutcome outcome) {}
        };
    }
}
