package io.github.atomiccounters.cdk;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How callers of the counter API authenticate. */
public enum AuthMode {
    /** SigV4-signed requests, granted by IAM policies on execute-api ARNs (the default). */
    IAM,
    /** An {@code x-api-key} header, with a usage plan's rate, burst and quota. */
    API_KEY,
    /** A Cognito user pool ID token in the {@code Authorization} header. */
    COGNITO,
    /** No authentication at all: for demos only, never for real data. */
    NONE;

    /**
     * Parses the value of the {@code auth} context option: {@code iam}, {@code api-key}, {@code cognito} or
     * {@code none}. Case and surrounding blanks are ignored, and {@code _} may stand for {@code -}.
     *
     * @param text the option's value
     * @return the mode it names
     * @throws IllegalArgumentException when it names no mode; the message lists the valid values
     */
    public static AuthMode parse(String text) {
        String normalized = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (AuthMode mode : values()) {
            if (mode.name().equals(normalized)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("auth: expected one of "
                + Arrays.stream(values()).map(AuthMode::optionValue).collect(Collectors.joining(", "))
                + " but got '" + text + "'");
    }

    /**
     * The spelling used in context options and docs, which {@link #parse(String)} reads back.
     *
     * @return e.g. {@code api-key} for {@link #API_KEY}
     */
    public String optionValue() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
