package io.github.atomiccounters.openapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SchemaConverterTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(String text) {
        try {
            return MAPPER.readValue(text.replace('\'', '"'), Map.class);
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    private static Map<String, Object> convert(String draft4) {
        return SchemaConverter.convert(json(draft4));
    }

    @Test
    void keepsTheSharedKeywordsAndDropsDollarSchemaAndId() {
        Map<String, Object> in = json("{'$schema': 'http://json-schema.org/draft-04/schema#', 'id': 'urn:x',"
                + "'title': 'T', 'description': 'D', 'type': 'object', 'additionalProperties': false,"
                + "'required': ['a'], 'properties': {'a': {'oneOf': [{'type': 'integer', 'minimum': 1,"
                + "'maximum': 5}, {'type': 'string', 'pattern': '^[0-9]+$'}]}}}");
        Map<String, Object> out = SchemaConverter.convert(in);
        assertThat(out).isEqualTo(json("{'title': 'T', 'description': 'D', 'type': 'object',"
                + "'additionalProperties': false, 'required': ['a'], 'properties': {'a': {'oneOf': [{'type': 'integer',"
                + "'minimum': 1, 'maximum': 5}, {'type': 'string', 'pattern': '^[0-9]+$'}]}}}"));
        assertThat(List.copyOf(out.keySet())).containsExactly("title", "description", "type",
                "additionalProperties", "required", "properties");
        assertThat(in).containsKey("$schema"); // input untouched
    }

    @Test
    void typeListsBecomeNullableOrOneOf() {
        assertThat(convert("{'type': ['string', 'null'], 'maxLength': 3}"))
                .isEqualTo(json("{'type': 'string', 'nullable': true, 'maxLength': 3}"));
        assertThat(convert("{'type': ['integer', 'string']}"))
                .isEqualTo(json("{'oneOf': [{'type': 'integer'}, {'type': 'string'}]}"));
        assertThat(convert("{'type': 'null'}")).isEqualTo(json("{'nullable': true}"));
    }

    @Test
    void arraysAlwaysHaveItemsAndTuplesBecomeAnyOf() {
        assertThat(convert("{'type': 'array'}")).isEqualTo(json("{'type': 'array', 'items': {}}"));
        assertThat(convert("{'type': 'array', 'items': [{'type': 'string'}, {'type': 'integer'}],"
                + "'additionalItems': false}"))
                .isEqualTo(json("{'type': 'array', 'items': {'anyOf': [{'type': 'string'}, {'type': 'integer'}]}}"));
        assertThat(convert("{'type': 'array', 'items': [{'type': 'string'}]}"))
                .isEqualTo(json("{'type': 'array', 'items': {'type': 'string'}}"));
    }

    @Test
    void localRefsAreInlinedAndRecursionStops() {
        assertThat(convert("{'definitions': {'n': {'type': 'integer', 'minimum': 0}},"
                + "'type': 'object', 'properties': {'a': {'$ref': '#/definitions/n'}}}"))
                .isEqualTo(json("{'type': 'object', 'properties': {'a': {'type': 'integer', 'minimum': 0}}}"));
        Map<String, Object> recursive = convert("{'definitions': {'node': {'type': 'object', 'properties':"
                + "{'next': {'$ref': '#/definitions/node'}}}}, '$ref': '#/definitions/node'}");
        assertThat(recursive).containsEntry("type", "object");
        @SuppressWarnings("unchecked")
        Map<String, Object> next = (Map<String, Object>) ((Map<String, Object>) recursive.get("properties")).get("next");
        assertThat(next).containsOnlyKeys("description");
        assertThat(convert("{'$ref': 'https://apigateway.amazonaws.com/restapis/x/models/Other'}"))
                .containsOnlyKeys("description");
    }

    @Test
    void unknownKeywordsAndEmptyListsAreDropped() {
        assertThat(convert("{'type': 'object', 'required': [], 'enum': [], 'patternProperties': {'^x': {}},"
                + "'dependencies': {'a': ['b']}, 'x-note': 1, 'format': 'int64', 'default': {}}"))
                .isEqualTo(json("{'type': 'object', 'x-note': 1, 'format': 'int64', 'default': {}}"));
        assertThat(convert("{'type': 'number', 'exclusiveMinimum': 0}"))
                .isEqualTo(json("{'type': 'number', 'minimum': 0, 'exclusiveMinimum': true}"));
        assertThat(convert("{'type': 'number', 'minimum': 0, 'exclusiveMinimum': true}"))
                .isEqualTo(json("{'type': 'number', 'minimum': 0, 'exclusiveMinimum': true}"));
        assertThat(SchemaConverter.convert("not a schema")).isEmpty();
    }

    @Test
    void additionalPropertiesAndNotAreConvertedRecursively() {
        assertThat(convert("{'type': 'object', 'additionalProperties': {'type': ['string', 'null']},"
                + "'not': {'$schema': 'x', 'type': 'array'}}"))
                .isEqualTo(json("{'type': 'object', 'additionalProperties': {'type': 'string', 'nullable': true},"
                        + "'not': {'type': 'array', 'items': {}}}"));
    }
}
