package io.github.atomiccounters.client;

import java.math.BigDecimal;

/**
 * The answer to a sharded increment: which shard took it and that shard's own value (not the total; read the
 * total with {@link CounterClient#shardedTotal}).
 *
 * @param name       the sharded counter's name
 * @param shard      the shard that was incremented, 0 to shardCount - 1
 * @param shardValue that shard's new value
 */
public record ShardIncrement(String name, int shard, BigDecimal shardValue) {
}
