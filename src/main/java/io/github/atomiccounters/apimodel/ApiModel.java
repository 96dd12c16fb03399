package io.github.atomiccounters.apimodel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Immutable model of the REST API and DynamoDB tables of a synthesized CloudFormation template, with intrinsics
 * resolved against {@link LocalFacts}. {@code outputs} maps output names to resolved string values.
 */
public record ApiModel(RestApi api, List<TableModel> tables, Map<String, String> outputs) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public ApiModel {
        tables = Immutables.list(tables);
        outputs = Immutables.map(outputs);
    }

    /** Reads the only RestApi of the template; throws {@link TemplateException} if there are none or several. */
    public static ApiModel fromTemplate(JsonNode template, LocalFacts facts) {
        return new TemplateReader(template, facts).read(null);
    }

    /** Reads the RestApi with the given logical id. */
    public static ApiModel fromTemplate(JsonNode template, LocalFacts facts, String restApiLogicalId) {
        return new TemplateReader(template, facts).read(restApiLogicalId);
    }

    /** Same, from a template already parsed into Maps and Lists. */
    public static ApiModel fromTemplate(Map<String, Object> template, LocalFacts facts) {
        return fromTemplate((JsonNode) MAPPER.valueToTree(template), facts);
    }

    public static ApiModel fromFile(Path templateFile) {
        return fromFile(templateFile, LocalFacts.defaults());
    }

    public static ApiModel fromFile(Path templateFile, LocalFacts facts) {
        return fromTemplate(readTemplate(templateFile), facts);
    }

    public static JsonNode readTemplate(Path templateFile) {
        try {
            return MAPPER.readTree(Files.readAllBytes(templateFile));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read CloudFormation template " + templateFile, e);
        }
    }

    /** Logical ids of the (included) AWS::ApiGateway::RestApi resources of a template, in template order. */
    public static List<String> restApiLogicalIds(JsonNode template, LocalFacts facts) {
        return new TemplateReader(template, facts).restApiIds();
    }

    public Optional<TableModel> table(String logicalId) {
        return tables.stream().filter(t -> t.logicalId().equals(logicalId)).findFirst();
    }

    public Optional<TableModel> tableNamed(String tableName) {
        return tables.stream().filter(t -> t.tableName().equals(tableName)).findFirst();
    }
}
