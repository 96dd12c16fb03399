package example;

import io.github.atomiccounters.cdk.AuthMode;
import io.github.atomiccounters.client.CounterClient;
import io.github.atomiccounters.junit.LocalCounterApi;
import io.github.atomiccounters.junit.LocalCounterApiExtension;
import io.github.atomiccounters.junit.TableReset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The same checkout as a deployment with API keys would run it ({@code -c auth=api-key}), as one scenario: the
 * table is emptied once for the class, so each step sees the steps before it. The last step calls the API without
 * the Java client, with the endpoint and the key the extension hands over.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CheckoutApiKeyTest {
    @RegisterExtension
    static final LocalCounterApiExtension COUNTERS = LocalCounterApiExtension.builder()
            .context("auth", "api-key")
            .reset(TableReset.BEFORE_EACH_CLASS)
            .build();

    static Checkout checkout;

    @BeforeAll
    static void stock(CounterClient client) {
        checkout = new Checkout(client);
        checkout.restock("tote", 2);
    }

    @Test
    @Order(1)
    void firstOrder() {
        assertEquals(1, checkout.placeOrder("tote").number());
    }

    @Test
    @Order(2)
    void secondOrderSeesTheFirst() {
        assertEquals(2, checkout.placeOrder("tote").number());
        assertEquals(0, checkout.stockLeft("tote"));
    }

    @Test
    @Order(3)
    void anyHttpClientCanCallItWithTheKey(LocalCounterApi api) throws Exception {
        assertEquals(AuthMode.API_KEY, api.authMode());
        HttpClient http = HttpClient.newHttpClient();
        URI stock = URI.create(api.endpoint() + "/counters/stock-tote");
        HttpResponse<String> withKey = http.send(HttpRequest.newBuilder(stock).header("x-api-key", api.apiKey())
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, withKey.statusCode());
        assertEquals("{\"name\": \"stock-tote\", \"value\": 0}", withKey.body().strip());
        HttpResponse<String> withoutKey = http.send(HttpRequest.newBuilder(stock).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(403, withoutKey.statusCode());
    }
}
