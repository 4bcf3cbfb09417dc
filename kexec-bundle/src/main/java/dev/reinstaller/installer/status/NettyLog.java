package dev.reinstaller.installer.status;

import io.netty.util.internal.logging.InternalLoggerFactory;
import io.netty.util.internal.logging.Slf4JLoggerFactory;
import java.util.Map;

/**
 * Netty's own log for the status API: warnings and errors as lines on standard error (the journal),
 * nothing below, through SLF4J's simple provider. Netty otherwise probes for SLF4J and Log4j and falls
 * back to java.util.logging, whose setup alone costs tens of milliseconds before the API's first
 * answer; the installer uses neither.
 */
public final class NettyLog {
    /** The simple provider's settings, read once when its first logger is made. */
    static final Map<String, String> SETTINGS = Map.of(
            "org.slf4j.simpleLogger.defaultLogLevel", "warn",
            "org.slf4j.simpleLogger.logFile", "System.err",
            "org.slf4j.simpleLogger.showThreadName", "false",
            "org.slf4j.simpleLogger.showShortLogName", "true",
            "org.slf4j.simpleLogger.levelInBrackets", "false");

    private NettyLog() {}

    /** Makes this Netty's log factory; call it before Netty's first use (loggers made before keep theirs). */
    public static void install() {
        SETTINGS.forEach((name, value) -> {
            if (System.getProperty(name) == null) {
                System.setProperty(name, value);
            }
        });
        InternalLoggerFactory.setDefaultFactory(Slf4JLoggerFactory.INSTANCE);
    }
}
