package io.github.atomiccounters.junit;

/**
 * When a {@link LocalCounterApiExtension} empties the API's tables (every item deleted; the tables, the usage-plan
 * quotas and the throttling buckets stay). Each test class starts its own API on an empty in-memory DynamoDB Local,
 * so a class never sees another's counters whichever mode it uses.
 */
public enum TableReset {
    /**
     * Before every test method: each test starts from an empty table, whatever ran before it. Tests of one class
     * must then not run concurrently (JUnit's parallel mode {@code same_thread} for the class, its default).
     */
    BEFORE_EACH_TEST,

    /**
     * Before every test class ({@code @Nested} classes included): the methods of a class see each other's writes,
     * in the order they run (pin it with {@code @TestMethodOrder}).
     */
    BEFORE_EACH_CLASS
}
