package com.tixproof.api.purchase;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tixproof.api.testing.ApiClient.Session;
import com.tixproof.api.testing.Audit;
import com.tixproof.api.testing.TestApi;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Concurrent purchases never double-spend money nor oversell seats")
class PurchaseConcurrencyTest {
  static TestApi app;

  @BeforeAll
  static void start() {
    app = TestApi.start();
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @BeforeEach
  void reset() {
    app.reset();
  }

  @Test
  @DisplayName("200 concurrent purchases from a wallet that affords exactly 7: 7 succeed, the rest are insufficient_funds, balance ends at 0")
  void twoHundredBuyersOneWallet() {
    long price = 1_000;
    String eventId = app.client.createEvent(price, 10_000).await();
    Session buyer = app.client.newUserWithBalance(7 * price).await();

    List<Future<HttpResponse<Buffer>>> calls = new ArrayList<>();
    IntStream.range(0, 200).forEach(i -> calls.add(app.client.buy(buyer.token(), eventId, 1, UUID.randomUUID().toString())));
    List<HttpResponse<Buffer>> answers = Future.all(calls).await().list();

    Map<String, Integer> outcomes = tally(answers);
    assertEquals(Map.of("202", 7, "409 insufficient_funds", 193), outcomes);
    assertEquals(0L, app.client.balance(buyer.token()).await());
    assertEquals(7, Audit.seatsSold(app, eventId));
    Audit.assertLedgerMatchesBalances(app);
    Audit.assertNoNegativeBalance(app);
  }

  @Test
  @DisplayName("300 concurrent buyers for 50 seats: exactly 50 sold, the rest sold_out, no rejected buyer loses money")
  void threeHundredBuyersFiftySeats() {
    long price = 2_500;
    long start = 10 * price;
    String eventId = app.client.createEvent(price, 50).await();
    List<Future<Session>> registering = new ArrayList<>();
    IntStream.range(0, 300).forEach(i -> registering.add(app.client.newUserWithBalance(start)));
    List<Session> buyers = Future.all(registering).await().list();

    List<Future<HttpResponse<Buffer>>> calls = new ArrayList<>();
    buyers.forEach(b -> calls.add(app.client.buy(b.token(), eventId, 1, UUID.randomUUID().toString())));
    List<HttpResponse<Buffer>> answers = Future.all(calls).await().list();

    assertEquals(Map.of("202", 50, "409 sold_out", 250), tally(answers));
    assertEquals(50, Audit.seatsSold(app, eventId));
    for (int i = 0; i < buyers.size(); i++) {
      long expected = answers.get(i).statusCode() == 202 ? start - price : start;
      assertEquals(expected, app.client.balance(buyers.get(i).token()).await(), "buyer " + i + " balance");
    }
    Audit.assertLedgerMatchesBalances(app);
  }

  static Map<String, Integer> tally(List<HttpResponse<Buffer>> answers) {
    Map<String, Integer> out = new HashMap<>();
    for (HttpResponse<Buffer> r : answers) {
      String key = r.statusCode() == 202 ? "202" : r.statusCode() + " " + r.bodyAsJsonObject().getString("error");
      out.merge(key, 1, Integer::sum);
    }
    return out;
  }
}
