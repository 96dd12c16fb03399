package io.github.atomiccounters.apimodel;

/** An API key. {@code name} is the Name property or, if absent, the logical id; {@code value} is null when generated. */
public record ApiKeyModel(String name, String value, boolean enabled) {
}
