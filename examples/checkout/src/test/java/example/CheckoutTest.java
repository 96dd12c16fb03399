package example;

import io.github.atomiccounters.client.CounterClient;
import io.github.atomiccounters.junit.LocalCounterApiExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The checkout against the real API, served locally: the library's stack (IAM auth, as deployed) on an in-memory
 * DynamoDB Local, emptied before each test. The client is the one the application uses, injected ready to call.
 */
class CheckoutTest {
    @RegisterExtension
    static final LocalCounterApiExtension COUNTERS = LocalCounterApiExtension.builder().build();

    @Test
    void ordersAreNumberedFromOne(CounterClient client) {
        Checkout checkout = new Checkout(client);
        checkout.restock("mug", 5);

        assertEquals(new Checkout.Order(1, "mug"), checkout.placeOrder("mug"));
        assertEquals(new Checkout.Order(2, "mug"), checkout.placeOrder("mug"));
        assertEquals(3, checkout.stockLeft("mug"));
    }

    @Test
    void theLastItemIsSoldOnceWhateverTheConcurrency(CounterClient client) throws Exception {
        Checkout checkout = new Checkout(client);
        checkout.restock("poster", 3);

        ExecutorService buyers = Executors.newFixedThreadPool(8);
        List<Future<Checkout.Order>> orders = buyers.invokeAll(java.util.Collections.nCopies(10,
                () -> checkout.placeOrder("poster")));
        buyers.shutdown();
        long sold = 0;
        long soldOut = 0;
        for (Future<Checkout.Order> order : orders) {
            try {
                order.get();
                sold++;
            } catch (java.util.concurrent.ExecutionException e) {
                assertEquals(Checkout.SoldOutException.class, e.getCause().getClass());
                soldOut++;
            }
        }
        assertEquals(3, sold);
        assertEquals(7, soldOut);
        assertEquals(0, checkout.stockLeft("poster"));
    }

    @Test
    void eachTestStartsFromAnEmptyTable(CounterClient client) {
        // the other tests restocked and ordered; the table was emptied before this one
        Checkout checkout = new Checkout(client);
        assertEquals(0, checkout.stockLeft("mug"));
        assertThrows(Checkout.SoldOutException.class, () -> checkout.placeOrder("mug"));
    }
}
