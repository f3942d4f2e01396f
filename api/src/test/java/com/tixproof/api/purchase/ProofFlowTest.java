package com.tixproof.api.purchase;

import static com.tixproof.api.testing.ErrorBody.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tixproof.api.testing.ApiClient;
import com.tixproof.api.testing.ApiClient.Session;
import com.tixproof.api.testing.Audit;
import com.tixproof.api.testing.TestApi;
import com.tixproof.protocol.Challenges;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The proof of payment: the worker pool posts the secrets it found, signed with the callback
 * secret. Secrets are drawn from [1, 2000] here so the test finds them by brute force at once.
 */
@DisplayName("Proving a purchase: partial progress, PAID when all are solved, repeats and late wrong answers change nothing")
class ProofFlowTest {
  static final long SECRET_MAX = 2_000;
  static final long PRICE = 1_500;
  static TestApi app;

  Session buyer;
  JsonObject purchase;
  /** The correct {@code {solutions: [...]}} for every challenge, in the purchase's order. */
  JsonObject allSolutions;

  @BeforeAll
  static void start() {
    app = TestApi.start(Map.of(
        "CHALLENGE_SECRET_MAX", Long.toString(SECRET_MAX),
        // each test creates an event, which logs the admin in: lift the per-e-mail login limit
        "LOGIN_MAX_PER_MINUTE_PER_EMAIL", "1000000"));
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @BeforeEach
  void buy() {
    app.reset();
    String eventId = app.client.createEvent(PRICE, 20).await();
    buyer = app.client.newUserWithBalance(10 * PRICE).await();
    HttpResponse<Buffer> bought = app.client.buy(buyer.token(), eventId, 2, UUID.randomUUID().toString()).await();
    assertEquals(202, bought.statusCode(), bought.bodyAsString());
    purchase = bought.bodyAsJsonObject();
    assertEquals("AWAITING_PROOF", purchase.getString("status"));
    assertTrue(purchase.getInteger("totalChallenges") > 1, "the flow needs K > 1 challenges");
    allSolutions = ApiClient.solve(purchase, SECRET_MAX);
  }

  int total() {
    return purchase.getInteger("totalChallenges");
  }

  JsonObject firstSolutionOnly() {
    return new JsonObject().put("solutions", new JsonArray().add(allSolutions.getJsonArray("solutions").getJsonObject(0)));
  }

  /** Submits and expects 200 with the purchase. */
  JsonObject submitOk(JsonObject solutions) {
    HttpResponse<Buffer> res = app.client.submitSolutions(purchase.getString("depositToken"), solutions).await();
    assertEquals(200, res.statusCode(), res.bodyAsString());
    return res.bodyAsJsonObject();
  }

  JsonObject fetch() {
    HttpResponse<Buffer> res = app.client.get("/api/purchases/" + purchase.getString("id"), buyer.token()).await();
    assertEquals(200, res.statusCode(), res.bodyAsString());
    return res.bodyAsJsonObject();
  }

  static List<Boolean> solvedFlags(JsonObject p) {
    List<Boolean> flags = new ArrayList<>();
    p.getJsonArray("challenges").forEach(c -> flags.add(((JsonObject) c).getBoolean("solved")));
    return flags;
  }

  /** A secret in [1, SECRET_MAX] that does not solve challenge {@code index}. */
  JsonObject wrongSolution(int index) {
    JsonObject c = purchase.getJsonArray("challenges").getJsonObject(index);
    long s = 1;
    while (Challenges.hash(purchase.getString("depositToken"), c.getString("challengeId"), s).equals(c.getString("challengeHash"))) {
      s++;
    }
    return new JsonObject().put("challengeId", c.getString("challengeId")).put("secret", s);
  }

  @Test
  @DisplayName("One correct solution of K: 200, still AWAITING_PROOF, solvedChallenges = 1 and that challenge marked solved")
  void oneOfK() {
    JsonObject answer = submitOk(firstSolutionOnly());
    assertEquals("AWAITING_PROOF", answer.getString("status"));
    assertEquals(1, answer.getInteger("solvedChallenges"));
    assertEquals(total(), answer.getInteger("totalChallenges"));
    List<Boolean> expected = new ArrayList<>();
    for (int i = 0; i < total(); i++) {
      expected.add(i == 0);
    }
    assertEquals(expected, solvedFlags(answer));
    JsonObject stored = fetch();
    assertEquals("AWAITING_PROOF", stored.getString("status"));
    assertEquals(1, stored.getInteger("solvedChallenges"));
  }

  @Test
  @DisplayName("After one of K, the rest (sent with the first again) make the purchase PAID with every challenge solved")
  void allOfK() {
    submitOk(firstSolutionOnly());
    JsonObject answer = submitOk(allSolutions);
    assertEquals("PAID", answer.getString("status"));
    assertEquals(total(), answer.getInteger("solvedChallenges"));
    assertTrue(solvedFlags(answer).stream().allMatch(Boolean::booleanValue), "every challenge solved: " + answer);
    assertEquals("PAID", fetch().getString("status"));
    // the money stays spent: paying is not a second debit
    assertEquals(10 * PRICE - 2 * PRICE, app.client.balance(buyer.token()).await());
    Audit.assertLedgerMatchesBalances(app);
  }

  @Test
  @DisplayName("Repeating an accepted partial submission answers 200 and changes nothing")
  void repeatPartial() {
    JsonObject first = submitOk(firstSolutionOnly());
    String before = Audit.snapshot(app);
    JsonObject again = submitOk(firstSolutionOnly());
    assertEquals(before, Audit.snapshot(app));
    assertEquals(first, again, "the repeat answers the same purchase, untouched");
  }

  @Test
  @DisplayName("Repeating the accepted full submission after PAID answers 200 PAID and changes nothing")
  void repeatAfterPaid() {
    JsonObject paid = submitOk(allSolutions);
    assertEquals("PAID", paid.getString("status"));
    String before = Audit.snapshot(app);
    JsonObject again = submitOk(allSolutions);
    assertEquals(before, Audit.snapshot(app));
    assertEquals(paid, again, "the repeat answers the same purchase, untouched");
    JsonObject partly = submitOk(firstSolutionOnly());
    assertEquals(before, Audit.snapshot(app));
    assertEquals(paid, partly);
  }

  @Test
  @DisplayName("A late wrong secret after PAID is 422 wrong_solution and changes nothing")
  void lateWrongSecretAfterPaid() {
    JsonObject paid = submitOk(allSolutions);
    assertEquals("PAID", paid.getString("status"));
    String before = Audit.snapshot(app);
    HttpResponse<Buffer> res = app.client.submitSolutions(purchase.getString("depositToken"),
        new JsonObject().put("solutions", new JsonArray().add(wrongSolution(0)))).await();
    assertError(res, 422, "wrong_solution");
    assertEquals(before, Audit.snapshot(app));
    assertEquals(paid, fetch(), "the stored purchase is the PAID one the proof answered");
  }

  @Test
  @DisplayName("A submission with one right and one wrong secret is refused whole: 422, nothing marked solved")
  void allOrNothing() {
    JsonObject mixed = new JsonObject().put("solutions", new JsonArray()
        .add(allSolutions.getJsonArray("solutions").getJsonObject(0))
        .add(wrongSolution(1)));
    String before = Audit.snapshot(app);
    HttpResponse<Buffer> res = app.client.submitSolutions(purchase.getString("depositToken"), mixed).await();
    assertError(res, 422, "wrong_solution");
    assertEquals(before, Audit.snapshot(app));
    JsonObject stored = fetch();
    assertEquals("AWAITING_PROOF", stored.getString("status"));
    assertEquals(0, stored.getInteger("solvedChallenges"));
  }

  @Test
  @DisplayName("A secret outside [1, CHALLENGE_SECRET_MAX] is 422 wrong_solution and changes nothing")
  void secretOutOfRange() {
    JsonObject c = purchase.getJsonArray("challenges").getJsonObject(0);
    String before = Audit.snapshot(app);
    for (long secret : new long[] {0, SECRET_MAX + 1}) {
      HttpResponse<Buffer> res = app.client.submitSolutions(purchase.getString("depositToken"), new JsonObject().put("solutions",
          new JsonArray().add(new JsonObject().put("challengeId", c.getString("challengeId")).put("secret", secret)))).await();
      assertError(res, 422, "wrong_solution");
    }
    assertEquals(before, Audit.snapshot(app));
  }
}
