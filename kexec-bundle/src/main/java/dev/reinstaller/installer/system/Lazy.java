package dev.reinstaller.installer.system;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A value made on its first use, at most once, then kept; for what is costly to set up and not needed
 * on every run (an HTTP client with its TLS context), so that it stays off the path from process start
 * to the status API. Thread-safe.
 */
public final class Lazy<T> implements Supplier<T> {
    private final Supplier<T> make;
    private volatile T value;

    private Lazy(Supplier<T> make) {
        this.make = make;
    }

    public static <T> Lazy<T> of(Supplier<T> make) {
        return new Lazy<>(Objects.requireNonNull(make));
    }

    @Override
    public T get() {
        T made = value;
        if (made == null) {
            synchronized (this) {
                made = value;
                if (made == null) {
                    made = Objects.requireNonNull(make.get(), "a lazy value must not be null");
                    value = made;
                }
            }
        }
        return made;
    }
}
