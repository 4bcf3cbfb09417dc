package dev.reinstaller.agent.bundle;

import java.nio.file.Path;

/** The verdict on one file of a bundle, against the size and SHA-256 in its manifest. */
public sealed interface FileCheck {

    /** The file name as the manifest lists it. */
    String name();

    /** One line for a person, naming the file and, when it is bad, the expected and found values. */
    String describe();

    default boolean ok() {
        return this instanceof Intact;
    }

    /** Present, with the recorded size and hash. */
    record Intact(String name, long size) implements FileCheck {
        @Override
        public String describe() {
            return name + ": ok (" + size + " bytes)";
        }
    }

    /** The manifest lists the file but the bundle has no regular file of that name. */
    record Missing(String name, Path path) implements FileCheck {
        @Override
        public String describe() {
            return name + ": missing (" + path + " is not a file)";
        }
    }

    /** The size differs: usually a cut upload. */
    record WrongSize(String name, long expected, long actual) implements FileCheck {
        @Override
        public String describe() {
            return name + ": " + actual + " bytes, the manifest says " + expected;
        }
    }

    /** Same size, different content. */
    record WrongHash(String name, String expected, String actual) implements FileCheck {
        @Override
        public String describe() {
            return name + ": SHA-256 " + actual + ", the manifest says " + expected;
        }
    }

    /** The file exists but could not be read. */
    record Unreadable(String name, String reason) implements FileCheck {
        @Override
        public String describe() {
            return name + ": cannot be read (" + reason + ")";
        }
    }
}
