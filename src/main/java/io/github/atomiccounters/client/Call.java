package io.github.atomiccounters.client;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One logical call of a route: what to send, and whether sending it again could change anything twice.
 *
 * @param method         HTTP method
 * @param path           the path below the stage URL, names already encoded ({@code /counters/a%20b/next})
 * @param body           the JSON body, or null for none
 * @param idempotencyKey the {@code Idempotency-Key} every attempt carries, or null
 * @param replaySafe     true when a repeat cannot apply anything twice: reads, deletes, updates with a key
 */
record Call(String method, String path, ObjectNode body, String idempotencyKey, boolean replaySafe) {
}
