package io.gnomon.nmea;

import java.util.Optional;

/** A decoded field: a value, an empty field, or a value that was present but wrong (with the reason). */
public sealed interface FieldValue<T> {

    record Present<T>(T value) implements FieldValue<T> {
    }

    record Empty<T>() implements FieldValue<T> {
    }

    record Invalid<T>(String raw, String reason) implements FieldValue<T> {
    }

    static <T> FieldValue<T> empty() {
        return new Empty<>();
    }

    static <T> FieldValue<T> invalid(String raw, String reason) {
        return new Invalid<>(raw, reason);
    }

    default Optional<T> present() {
        return this instanceof Present<T> p ? Optional.of(p.value()) : Optional.empty();
    }

    /** A short description for operators: the value, "empty", or "raw: reason". */
    default String describe() {
        return switch (this) {
            case Present<T> p -> String.valueOf(p.value());
            case Empty<T> e -> "empty";
            case Invalid<T> i -> "'" + i.raw() + "': " + i.reason();
        };
    }
}
