package dev.avalon.core.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The one place where Avalon's Jackson mappers are configured.
 *
 * <p>Reading is bounded ({@link ReadLimits}) so hostile input is refused before it costs memory;
 * numbers are read as {@code BigDecimal} so money and thresholds stay exact; duplicate keys are an
 * error rather than "last one wins".
 */
public final class Json {

    private static final ObjectMapper MAPPER = mapper(ReadLimits.defaults());

    private Json() {
    }

    /** A mapper that reads within {@code limits}. */
    public static ObjectMapper mapper(ReadLimits limits) {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(limits.maxNestingDepth())
                        .maxStringLength(limits.maxStringLength())
                        .maxNumberLength(limits.maxNumberLength())
                        .maxNameLength(limits.maxNameLength())
                        .build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .build();
        return JsonMapper.builder(factory)
                .addModule(new JavaTimeModule())
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .build();
    }

    /** The shared mapper with default limits. Thread-safe. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static JsonNodeFactory nodes() {
        return MAPPER.getNodeFactory();
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** Parses trusted bytes (files Avalon wrote itself); failures are machinery failures. */
    public static JsonNode parse(byte[] utf8) throws JsonProcessingException {
        try {
            return MAPPER.readTree(utf8);
        } catch (JsonProcessingException e) {
            throw e;
        } catch (NumberFormatException e) {
            throw unreadableNumber(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode parse(String text) throws JsonProcessingException {
        try {
            return MAPPER.readTree(text);
        } catch (NumberFormatException e) {
            throw unreadableNumber(e);
        }
    }

    /**
     * Jackson reads a number such as {@code 8e247012996435} (valid JSON, exponent beyond a BigDecimal's
     * scale) by throwing NumberFormatException, not a parse error: a damaged file or a hostile request
     * must be "not valid JSON" like any other, never an internal error.
     */
    private static JsonProcessingException unreadableNumber(NumberFormatException e) {
        return new com.fasterxml.jackson.core.JsonParseException(null, "a number that cannot be read: " + e.getMessage());
    }

    public static JsonNode valueToTree(Object value) {
        return MAPPER.valueToTree(value);
    }

    public static <T> T treeToValue(JsonNode node, Class<T> type) {
        try {
            return MAPPER.treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot map JSON to " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    /** Compact one-line JSON, keys sorted (for JSON lines and responses). */
    public static String compact(JsonNode node) {
        return CanonicalJson.string(node);
    }

    /** Stable, pretty, key-ordered UTF-8 bytes ending in a newline: the form files are stored in. */
    public static byte[] pretty(JsonNode node) {
        return (CanonicalJson.pretty(node) + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
