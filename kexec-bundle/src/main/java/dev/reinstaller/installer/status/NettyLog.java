package dev.reinstaller.installer.status;

import io.netty.util.internal.logging.InternalLogLevel;
import io.netty.util.internal.logging.InternalLogger;
import io.netty.util.internal.logging.InternalLoggerFactory;
import java.io.PrintStream;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Netty's own log for the status API: warnings and errors as lines on standard error (the journal),
 * nothing below. Netty otherwise probes for SLF4J and Log4j and falls back to java.util.logging,
 * whose setup alone costs tens of milliseconds before the API's first answer; the installer uses
 * neither.
 *
 * <p>Netty's {@link InternalLogger} has six methods for each of its five levels and six more that take
 * the level as an argument; a proxy answers all of them from the level they name, so each rule (what
 * is shown, how a line looks) is written once.
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
        return (InternalLogger) Proxy.newProxyInstance(
                InternalLogger.class.getClassLoader(), new Class<?>[] {InternalLogger.class}, new Logger(name, err));
    }

    /**
     * One named logger. A method names its level ({@code warn}, {@code isWarnEnabled}) or takes it first
     * ({@code log}, {@code isEnabled}); the message's {@code {}} placeholders take the arguments in order,
     * and a throwable beyond them is printed with its trace.
     */
    private record Logger(String name, PrintStream err) implements InvocationHandler {
        @Override
        public Object invoke(Object proxy, Method method, Object[] args) {
            List<Object> a = arguments(method, args);
            String m = method.getName();
            return switch (m) {
                case "name", "toString" -> name;
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == a.getFirst();
                case "isEnabled" -> shown((InternalLogLevel) a.getFirst());
                case "log" -> log((InternalLogLevel) a.getFirst(), a.subList(1, a.size()));
                default ->
                    m.startsWith("is")
                            ? shown(level(m.substring(2, m.length() - "Enabled".length())))
                            : log(level(m), a);
            };
        }

        private static InternalLogLevel level(String word) {
            return InternalLogLevel.valueOf(word.toUpperCase(Locale.ROOT));
        }

        private static boolean shown(InternalLogLevel level) {
            return level.compareTo(InternalLogLevel.WARN) >= 0;
        }

        /** The call's arguments, a varargs array spread out. */
        private static List<Object> arguments(Method method, Object[] args) {
            List<Object> all = new ArrayList<>(args == null ? List.of() : Arrays.asList(args));
            if (method.isVarArgs() && all.getLast() instanceof Object[] spread) {
                all.removeLast();
                all.addAll(Arrays.asList(spread));
            }
            return all;
        }

        private Object log(InternalLogLevel level, List<Object> call) {
            if (!shown(level)) {
                return null;
            }
            boolean onlyThrown = call.size() == 1 && call.getFirst() instanceof Throwable;
            String format = onlyThrown ? "Unexpected exception:" : String.valueOf(call.getFirst());
            List<Object> arguments = onlyThrown ? call : call.subList(1, call.size());
            print(level.name(), format, arguments);
            return null;
        }

        private void print(String level, String format, List<Object> arguments) {
            StringBuilder line = new StringBuilder("netty ")
                    .append(level)
                    .append(' ')
                    .append(name)
                    .append(": ");
            int from = 0;
            int next = 0;
            for (int at = format.indexOf("{}"); at >= 0 && next < arguments.size(); at = format.indexOf("{}", from)) {
                line.append(format, from, at).append(arguments.get(next++));
                from = at + 2;
            }
            line.append(format, from, format.length());
            Throwable thrown = next < arguments.size() && arguments.getLast() instanceof Throwable t ? t : null;
            synchronized (err) {
                err.println(line);
                if (thrown != null) {
                    thrown.printStackTrace(err);
                }
            }
        }
    }
}
