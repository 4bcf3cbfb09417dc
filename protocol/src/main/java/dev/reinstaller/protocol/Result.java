package dev.reinstaller.protocol;

import java.util.function.Function;

/** A value or the {@link DecodeError} that prevented it. */
public sealed interface Result<T> {

    record Ok<T>(T value) implements Result<T> {}

    record Error<T>(DecodeError error) implements Result<T> {}

    static <T> Result<T> ok(T value) {
        return new Ok<>(value);
    }

    static <T> Result<T> error(DecodeError error) {
        return new Error<>(error);
    }

    default <R> Result<R> then(Function<T, Result<R>> next) {
        return switch (this) {
            case Ok<T> ok -> next.apply(ok.value());
            case Error<T> e -> new Error<>(e.error());
        };
    }

    /** The value, or an exception with the error's message (for tests and trusted input). */
    default T orThrow() {
        return switch (this) {
            case Ok<T> ok -> ok.value();
            case Error<T> e -> throw new IllegalArgumentException(e.error().message());
        };
    }
}
