package dev.reinstaller.protocol;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Runtime info as JSON: compact, stable field names in record order, defaults (false, empty, absent)
 * left out. Reading rejects unknown fields and reports every problem as a {@link DecodeError}.
 */
public final class RuntimeInfoJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            // Only record components are fields: helpers such as isV6() are not.
            .visibility(PropertyAccessor.IS_GETTER, JsonAutoDetect.Visibility.NONE)
            .defaultPropertyInclusion(
                    JsonInclude.Value.construct(JsonInclude.Include.NON_DEFAULT, JsonInclude.Include.NON_DEFAULT))
            .build();
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
        try {
            T value = MAPPER.readValue(json, type);
            if (value == null) {
                return Result.error(new DecodeError.InvalidJson(source, 1, 1, "the document is null"));
            }
            return Result.ok(value);
        } catch (UnrecognizedPropertyException e) {
            return Result.error(new DecodeError.InvalidField(
                    source,
                    path(e.getPath()),
                    "is unknown (known fields here: " + String.join(", ", known(e.getKnownPropertyIds())) + ")"));
        } catch (ValueInstantiationException e) {
            return Result.error(fieldError(source, e));
        } catch (InvalidFormatException e) {
            return Result.error(new DecodeError.InvalidField(
                    source,
                    path(e.getPath()),
                    "has the value " + abbreviate(String.valueOf(e.getValue())) + " which is not a valid "
                            + simpleType(e.getTargetType())));
        } catch (MismatchedInputException e) {
            return Result.error(new DecodeError.InvalidField(
                    source, path(e.getPath()), "has the wrong type (expected " + simpleType(e.getTargetType()) + ")"));
        } catch (JsonMappingException e) {
            return Result.error(
                    new DecodeError.InvalidField(source, path(e.getPath()), firstLine(e.getOriginalMessage())));
        } catch (JacksonException e) {
            JsonLocation at = e.getLocation();
            int line = at == null ? 1 : Math.max(1, at.getLineNr());
            int column = at == null ? 1 : Math.max(1, at.getColumnNr());
            return Result.error(new DecodeError.InvalidJson(source, line, column, firstLine(e.getOriginalMessage())));
        } catch (IOException e) {
            return Result.error(new DecodeError.InvalidJson(source, 1, 1, firstLine(e.getMessage())));
        }
    }

    private static DecodeError fieldError(String source, ValueInstantiationException e) {
        String where = path(e.getPath());
        Throwable cause = e.getCause();
        while (cause != null && !(cause instanceof InvalidFieldException)) {
            cause = cause.getCause();
        }
        if (cause instanceof InvalidFieldException invalid) {
            return new DecodeError.InvalidField(source, join(where, invalid.field()), invalid.reason());
        }
        String reason =
                e.getCause() == null ? e.getOriginalMessage() : e.getCause().getMessage();
        return new DecodeError.InvalidField(source, where.isEmpty() ? "(document)" : where, firstLine(reason));
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

    static String path(List<JsonMappingException.Reference> references) {
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
