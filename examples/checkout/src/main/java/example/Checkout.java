package example;

import io.github.atomiccounters.client.CounterClient;
import io.github.atomiccounters.client.DecrementRequest;
import io.github.atomiccounters.client.LimitExceededException;
import io.github.atomiccounters.client.NotFoundException;

/**
 * A shop's checkout on the counter API: stock levels that never go below zero, and gapless order numbers.
 */
public final class Checkout {
    /** What an order got: its number and the item. */
    public record Order(long number, String sku) {
    }

    /** The item is sold out: nothing was taken and no order number was used. */
    public static final class SoldOutException extends RuntimeException {
        public SoldOutException(String sku) {
            super(sku + " is sold out");
        }
    }

    private final CounterClient counters;

    public Checkout(CounterClient counters) {
        this.counters = counters;
    }

    public void restock(String sku, long quantity) {
        counters.increment(stock(sku), quantity);
    }

    /** Takes one item off the stock, then numbers the order; the API refuses to take the last item twice. */
    public Order placeOrder(String sku) {
        try {
            counters.decrement(stock(sku), DecrementRequest.by(1).min(0));
        } catch (LimitExceededException soldOut) {
            throw new SoldOutException(sku);
        }
        return new Order(counters.next("order-numbers").first().longValueExact(), sku);
    }

    public long stockLeft(String sku) {
        try {
            return counters.get(stock(sku)).value().longValueExact();
        } catch (NotFoundException neverStocked) {
            return 0;
        }
    }

    private static String stock(String sku) {
        return "stock-" + sku;
    }
}
