package dev.reinstaller.protocol;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Runtime info as JSON: compact, stable field names in record order, defaults (false, empty, absent)
 * left out. Reading rejects unknown fields and values of the wrong JSON type (no coercion: {@code "1"}
 * is not a number, {@code 1} is not a string, {@code 1.5} is not a whole number) and reports every
 * problem as a {@link DecodeError}.
 */
public final class RuntimeInfoJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .withCoercionConfig(
                    LogicalType.Textual,
                    text -> text.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                            .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                            .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            // Only record components are fields: helpers such as isV6() are not.
            .visibility(PropertyAccessor.IS_GETTER, JsonAutoDetect.Visibility.NONE)
            .defaultPropertyInclusion(
                    JsonInclude.Value.construct(JsonInclude.Include.NON_DEFAULT, JsonInclude.Include.NON_DEFAULT))
            .build();
    private static final String DOCUMENT = "(document)";
    private static final ObjectMapper PRETTY = MAPPER.copy().enable(SerializationFeature.INDENT_OUTPUT);

    private RuntimeInfoJson() {}

    /** The canonical compact bytes: what is deflated and what the CRC covers. */
    public static byte[] toBytes(RuntimeInfo info) {
        try {
            return MAPPER.writeValueAsBytes(info);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Indented JSON for people and for runtime-info.json on the installed host. */
    public static String toPrettyString(RuntimeInfo info) {
        try {
            return PRETTY.writeValueAsString(info) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Any record of this package as a JSON tree, with the same field rules (for command output). */
    public static JsonNode toTree(Object record) {
        return MAPPER.valueToTree(record);
    }

    /** Any record of this package as compact JSON (used for the legacy format and for tests). */
    static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads runtime info.
     *
     * @param source where the bytes came from, for messages ({@code reinstaller.info}, a file name)
     */
    public static Result<RuntimeInfo> read(byte[] json, String source) {
        return read(json, source, RuntimeInfo.class);
    }

    static <T> Result<T> read(byte[] json, String source, Class<T> type) {
        if (new String(json, StandardCharsets.UTF_8).isBlank()) {
            return Result.error(new DecodeError.InvalidJson(source, 1, 1, "the document is empty"));
        }
        try (JsonParser parser = MAPPER.createParser(json)) {
            T value = MAPPER.readValue(parser, type);
            if (value == null) {
                return Result.error(new DecodeError.InvalidJson(source, 1, 1, "the document is null"));
            }
            if (parser.nextToken() != null) {
                return Result.error(
                        invalidJson(source, parser.currentTokenLocation(), "content follows the end of the document"));
            }
            return Result.ok(value);
        } catch (JacksonException e) {
            return Result.error(error(source, e));
        } catch (IOException e) {
            return Result.error(new DecodeError.InvalidJson(source, 1, 1, firstLine(e.getMessage())));
        }
    }

    /**
     * Maps a Jackson failure. Broken syntax is {@link DecodeError.InvalidJson} even where Jackson wraps
     * it in a mapping error (a string cut inside a field); everything else names the field.
     */
    private static DecodeError error(String source, JacksonException e) {
        StreamReadException syntax = syntaxError(e);
        if (syntax != null) {
            return invalidJson(source, syntax.getLocation(), syntax.getOriginalMessage());
        }
        return switch (e) {
            case UnrecognizedPropertyException u ->
                new DecodeError.InvalidField(
                        source,
                        path(u.getPath()),
                        "is unknown (known fields here: " + String.join(", ", known(u.getKnownPropertyIds())) + ")");
            case ValueInstantiationException v -> fieldError(source, v);
            case InvalidFormatException f ->
                new DecodeError.InvalidField(
                        source,
                        path(f.getPath()),
                        "has the value " + abbreviate(String.valueOf(f.getValue())) + " which is not a valid "
                                + simpleType(f.getTargetType()));
            case MismatchedInputException m ->
                new DecodeError.InvalidField(
                        source,
                        path(m.getPath()),
                        "has the wrong type (expected " + simpleType(m.getTargetType()) + ")");
            case JsonMappingException m ->
                new DecodeError.InvalidField(source, path(m.getPath()), firstLine(m.getOriginalMessage()));
            default -> invalidJson(source, e.getLocation(), e.getOriginalMessage());
        };
    }

    /** The syntax error in the cause chain; a number out of range is a field's problem, not syntax. */
    private static StreamReadException syntaxError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StreamReadException read && !(t instanceof InputCoercionException)) {
                return read;
            }
        }
        return null;
    }

    private static DecodeError.InvalidJson invalidJson(String source, JsonLocation at, String detail) {
        int line = at == null ? 1 : Math.max(1, at.getLineNr());
        int column = at == null ? 1 : Math.max(1, at.getColumnNr());
        return new DecodeError.InvalidJson(source, line, column, firstLine(detail));
    }

    private static DecodeError fieldError(String source, ValueInstantiationException e) {
        String where = relativePath(e.getPath());
        Throwable cause = e.getCause();
        while (cause != null && !(cause instanceof InvalidFieldException)) {
            cause = cause.getCause();
        }
        if (cause instanceof InvalidFieldException invalid) {
            return new DecodeError.InvalidField(source, join(where, invalid.field()), invalid.reason());
        }
        String reason =
                e.getCause() == null ? e.getOriginalMessage() : e.getCause().getMessage();
        return new DecodeError.InvalidField(source, where.isEmpty() ? DOCUMENT : where, firstLine(reason));
    }

    /**
     * Joins the JSON path of the record that refused a value with the field the record named. Records
     * name their fields as {@code record.component}; when the record is nested, its path replaces the
     * record name.
     */
    static String join(String where, String field) {
        if (where.isEmpty()) {
            return field;
        }
        int dot = field.indexOf('.');
        int bracket = field.indexOf('[');
        if (bracket >= 0 && (dot < 0 || bracket < dot)) {
            return where + "." + field;
        }
        return dot < 0 ? where : where + field.substring(dot);
    }

    /** The JSON path of a mapping error, {@code (document)} for the root. */
    static String path(List<JsonMappingException.Reference> references) {
        String path = relativePath(references);
        return path.isEmpty() ? DOCUMENT : path;
    }

    private static String relativePath(List<JsonMappingException.Reference> references) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : references) {
            if (ref.getFieldName() != null) {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    private static List<String> known(java.util.Collection<Object> ids) {
        return ids == null
                ? List.of()
                : ids.stream().map(String::valueOf).sorted().toList();
    }

    private static String simpleType(Class<?> type) {
        if (type == null) {
            return "value";
        }
        if (type.isEnum()) {
            Object[] constants = type.getEnumConstants();
            StringBuilder names = new StringBuilder("one of");
            for (Object c : constants) {
                names.append(' ')
                        .append(c instanceof Architecture a ? a.wire() : c instanceof Firmware f ? f.wire() : c);
            }
            return names.toString();
        }
        if (type == int.class || type == long.class || type == Integer.class || type == Long.class) {
            return "whole number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (List.class.isAssignableFrom(type)) {
            return "list";
        }
        if (type == String.class) {
            return "string";
        }
        return "object";
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "unreadable";
        }
        int nl = text.indexOf('\n');
        return abbreviate(nl < 0 ? text : text.substring(0, nl));
    }

    private static String abbreviate(String text) {
        return text.length() <= 120 ? text : text.substring(0, 117) + "...";
    }
}
