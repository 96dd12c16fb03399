package io.github.atomiccounters.apimodel;

/** A request validator; {@code name} is the Name property or the logical id. */
public record RequestValidatorModel(String name, boolean validateBody, boolean validateParameters) {
}
