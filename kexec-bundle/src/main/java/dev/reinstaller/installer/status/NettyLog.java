package dev.reinstaller.installer.status;

import io.netty.util.internal.logging.AbstractInternalLogger;
import io.netty.util.internal.logging.InternalLogger;
import io.netty.util.internal.logging.InternalLoggerFactory;
import java.io.PrintStream;

/**
 * Netty's own log for the status API: warnings and errors as lines on standard error (the journal),
 * nothing below. Netty otherwise probes for SLF4J and Log4j and falls back to java.util.logging,
 * whose setup alone costs tens of milliseconds before the API's first answer; the installer uses
 * neither.
 *
 * <p>Netty's logger interface asks for the same five overloads at each of five levels, so they are
 * written out below. A dynamic proxy answering them all from the level's name was tried and dropped:
 * its first use cost about 100 ms more, the very start-up cost this class exists to avoid.
 */
public final class NettyLog extends InternalLoggerFactory {
    private final PrintStream err;

    NettyLog(PrintStream err) {
        this.err = err;
    }

    /** Makes this Netty's log factory; call it before Netty's first use (loggers made before keep theirs). */
    public static void install(PrintStream err) {
        InternalLoggerFactory.setDefaultFactory(new NettyLog(err));
    }

    @Override
    protected InternalLogger newInstance(String name) {
        return new Logger(name, err);
    }

    /** One named logger; the message's {@code {}} placeholders take the arguments in order. */
    private static final class Logger extends AbstractInternalLogger {
        private static final long serialVersionUID = 1L;
        private final transient PrintStream err;

        Logger(String name, PrintStream err) {
            super(name);
            this.err = err;
        }

        private void print(String level, String format, Object... arguments) {
            StringBuilder line = new StringBuilder("netty ")
                    .append(level)
                    .append(' ')
                    .append(name())
                    .append(": ");
            Throwable thrown = null;
            int from = 0;
            int next = 0;
            for (int at = format.indexOf("{}"); at >= 0; at = format.indexOf("{}", from)) {
                if (next >= arguments.length) {
                    break;
                }
                line.append(format, from, at).append(arguments[next++]);
                from = at + 2;
            }
            line.append(format, from, format.length());
            if (next < arguments.length && arguments[arguments.length - 1] instanceof Throwable t) {
                thrown = t;
            }
            synchronized (err) {
                err.println(line);
                if (thrown != null) {
                    thrown.printStackTrace(err);
                }
            }
        }

        @Override
        public boolean isTraceEnabled() {
            return false;
        }

        @Override
        public void trace(String msg) {}

        @Override
        public void trace(String format, Object arg) {}

        @Override
        public void trace(String format, Object argA, Object argB) {}

        @Override
        public void trace(String format, Object... arguments) {}

        @Override
        public void trace(String msg, Throwable t) {}

        @Override
        public boolean isDebugEnabled() {
            return false;
        }

        @Override
        public void debug(String msg) {}

        @Override
        public void debug(String format, Object arg) {}

        @Override
        public void debug(String format, Object argA, Object argB) {}

        @Override
        public void debug(String format, Object... arguments) {}

        @Override
        public void debug(String msg, Throwable t) {}

        @Override
        public boolean isInfoEnabled() {
            return false;
        }

        @Override
        public void info(String msg) {}

        @Override
        public void info(String format, Object arg) {}

        @Override
        public void info(String format, Object argA, Object argB) {}

        @Override
        public void info(String format, Object... arguments) {}

        @Override
        public void info(String msg, Throwable t) {}

        @Override
        public boolean isWarnEnabled() {
            return true;
        }

        @Override
        public void warn(String msg) {
            print("WARN", msg);
        }

        @Override
        public void warn(String format, Object arg) {
            print("WARN", format, arg);
        }

        @Override
        public void warn(String format, Object argA, Object argB) {
            print("WARN", format, argA, argB);
        }

        @Override
        public void warn(String format, Object... arguments) {
            print("WARN", format, arguments);
        }

        @Override
        public void warn(String msg, Throwable t) {
            print("WARN", msg, t);
        }

        @Override
        public boolean isErrorEnabled() {
            return true;
        }

        @Override
        public void error(String msg) {
            print("ERROR", msg);
        }

        @Override
        public void error(String format, Object arg) {
            print("ERROR", format, arg);
        }

        @Override
        public void error(String format, Object argA, Object argB) {
            print("ERROR", format, argA, argB);
        }

        @Override
        public void error(String format, Object... arguments) {
            print("ERROR", format, arguments);
        }

        @Override
        public void error(String msg, Throwable t) {
            print("ERROR", msg, t);
        }
    }
}
