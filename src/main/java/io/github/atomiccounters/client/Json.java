package io.github.atomiccounters.client;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.math.BigDecimal;
import java.util.Optional;

/** JSON in and out: exact decimals both ways, amounts encoded as the API's contract requires. */
final class Json {
    /** Reads every number exactly: a fraction becomes a BigDecimal, never a double. */
    static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private Json() {
    }

    /**
     * An amount as the API wants it: a whole number as a JSON integer, anything with a fraction as a decimal
     * string ({@code "12.50"}). API Gateway parses JSON numbers with a fraction as binary doubles, so the API
     * refuses them rather than round them.
     */
    static JsonNode amount(BigDecimal amount) {
        if (amount.signum() == 0 || amount.stripTrailingZeros().scale() <= 0) {
            return BigIntegerNode.valueOf(amount.toBigIntegerExact());
        }
        return TextNode.valueOf(amount.toPlainString());
    }

    /** A text field, empty when absent, null or not text. */
    static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? Optional.of(value.asText()) : Optional.empty();
    }

    /** A number field read exactly, empty when absent or not a number. */
    static Optional<BigDecimal> decimal(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isNumber() ? Optional.of(value.decimalValue()) : Optional.empty();
    }
}
