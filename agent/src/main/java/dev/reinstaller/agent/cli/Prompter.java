package dev.reinstaller.agent.cli;

import java.io.Console;
import java.util.Optional;

/** Asks a person at a terminal; absent when the agent runs without one (scripts, SSH exec, CI). */
interface Prompter {

    /** A line typed at the terminal, or empty when there is no terminal. */
    Optional<String> line(String prompt);

    /** A secret typed without echo, or empty when there is no terminal. */
    Optional<char[]> secret(String prompt);

    static Prompter none() {
        return new Prompter() {
            @Override
            public Optional<String> line(String prompt) {
                return Optional.empty();
            }

            @Override
            public Optional<char[]> secret(String prompt) {
                return Optional.empty();
            }
        };
    }

    static Prompter of(Console console) {
        if (console == null) {
            return none();
        }
        return new Prompter() {
            @Override
            public Optional<String> line(String prompt) {
                return Optional.ofNullable(console.readLine("%s", prompt));
            }

            @Override
            public Optional<char[]> secret(String prompt) {
                return Optional.ofNullable(console.readPassword("%s", prompt));
            }
        };
    }
}
