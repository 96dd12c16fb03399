package io.github.atomiccounters.apimodel;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Facts about the local "deployment" used to resolve intrinsics: pseudo parameters and optional
 * physical names forced for resources (logical id -> physical id, consulted first by {@code Ref}).
 */
public record LocalFacts(String region, String accountId, String partition, String stackName,
                         Map<String, String> physicalNames) {

    public static final String DEFAULT_REGION = "us-east-1";
    public static final String DEFAULT_ACCOUNT = "000000000000";
    public static final String DEFAULT_PARTITION = "aws";
    public static final String DEFAULT_STACK_NAME = "local";

    public LocalFacts {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(partition, "partition");
        Objects.requireNonNull(stackName, "stackName");
        physicalNames = physicalNames == null ? Map.of() : Map.copyOf(physicalNames);
    }

    public LocalFacts(String region, String accountId, String partition, String stackName) {
        this(region, accountId, partition, stackName, Map.of());
    }

    public static LocalFacts defaults() {
        return new LocalFacts(DEFAULT_REGION, DEFAULT_ACCOUNT, DEFAULT_PARTITION, DEFAULT_STACK_NAME);
    }

    /** A copy with one more forced physical name. */
    public LocalFacts withPhysicalName(String logicalId, String physicalId) {
        Map<String, String> m = new LinkedHashMap<>(physicalNames);
        m.put(logicalId, physicalId);
        return new LocalFacts(region, accountId, partition, stackName, m);
    }

    public LocalFacts withStackName(String name) {
        return new LocalFacts(region, accountId, partition, name, physicalNames);
    }

    public LocalFacts withRegion(String r) {
        return new LocalFacts(r, accountId, partition, stackName, physicalNames);
    }
}
