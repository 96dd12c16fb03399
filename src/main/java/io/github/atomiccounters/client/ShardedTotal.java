package io.github.atomiccounters.client;

import java.math.BigDecimal;

/**
 * A sharded counter's total, summed exactly over its shards in one strongly consistent read.
 *
 * @param name   the sharded counter's name
 * @param value  the sum of its shards
 * @param shards how many shard items exist (at most the deployment's shardCount)
 */
public record ShardedTotal(String name, BigDecimal value, int shards) {
}
