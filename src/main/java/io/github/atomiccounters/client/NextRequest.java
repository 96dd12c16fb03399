package io.github.atomiccounters.client;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Objects;
import java.util.Optional;

/**
 * {@code POST /counters/{name}/next}: how many ids to reserve, and optionally an {@code Idempotency-Key}, with
 * which a repeat answers the ids of the first call instead of reserving new ones (the sequence must have been
 * {@code set} once, see {@link SequenceNotPreparedException}). Immutable:
 * {@code NextRequest.count(10).idempotencyKey("signup-42")}.
 */
public final class NextRequest {
    private final int count;
    private final String idempotencyKey;

    private NextRequest(int count, String idempotencyKey) {
        this.count = count;
        this.idempotencyKey = idempotencyKey;
    }

    /**
     * A request that reserves {@code count} ids, without key.
     *
     * @param count how many ids, 1 to 10,000 (the API answers 400 {@link BadRequestException} otherwise)
     * @return the request
     */
    public static NextRequest count(int count) {
        return new NextRequest(count, null);
    }

    /**
     * Reserves ids at most once per key and sequence, remembered until the end of the next UTC day; a repeat
     * answers the first call's ids with {@code replayed} true. Only with such a key does the client retry
     * {@code next}.
     *
     * @param key the {@code Idempotency-Key}: 1 to 100 characters of {@code A-Z a-z 0-9 _ . : -}, new per
     *            logical reservation
     * @return a new request with this key
     * @throws NullPointerException when {@code key} is null
     */
    public NextRequest idempotencyKey(String key) {
        return new NextRequest(count, Objects.requireNonNull(key, "key"));
    }

    /**
     * How many ids are reserved.
     *
     * @return the {@code count} of the body
     */
    public int count() {
        return count;
    }

    /**
     * The caller's {@code Idempotency-Key}.
     *
     * @return the key; empty for none (the client never generates one for {@code next})
     */
    public Optional<String> idempotencyKey() {
        return Optional.ofNullable(idempotencyKey);
    }

    ObjectNode body() {
        return Json.MAPPER.createObjectNode().put("count", count);
    }

    @Override
    public String toString() {
        return "NextRequest" + body() + (idempotencyKey == null ? "" : " key " + idempotencyKey);
    }
}
