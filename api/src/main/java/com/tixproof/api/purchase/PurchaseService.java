package com.tixproof.api.purchase;

import com.tixproof.api.db.Ids;
import com.tixproof.api.event.Event;
import com.tixproof.api.event.EventRepository;
import com.tixproof.api.http.ApiException;
import com.tixproof.api.http.ErrorCode;
import com.tixproof.api.idempotency.IdempotentExecutor;
import com.tixproof.api.idempotency.StoredResponse;
import com.tixproof.api.outbox.Outbox;
import com.tixproof.api.wallet.LedgerEntry;
import com.tixproof.api.wallet.WalletRepository;
import com.tixproof.protocol.Challenges;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Buying (seats, debit, ledger, purchase, challenges and outbox in one transaction), proving
 * (verified secrets move the purchase to PAID) and expiring (seats back, money back, once).
 */
public final class PurchaseService {
  private static final Logger LOG = LoggerFactory.getLogger(PurchaseService.class);

  /** One submitted answer. */
  public record Solution(String challengeId, long secret) {}

  private final Pool pool;
  private final PurchaseRepository purchases;
  private final EventRepository events;
  private final IdempotentExecutor idempotent;
  private final ChallengeIssuer issuer;
  private final Duration proofTimeout;
  private final Counter created;
  private final Counter paid;
  private final Counter expired;
  private final Counter wrongSolutions;
  private final Function<UUID, Future<Boolean>> proofInFlight;

  public PurchaseService(Pool pool, PurchaseRepository purchases, EventRepository events, IdempotentExecutor idempotent,
      ChallengeIssuer issuer, Duration proofTimeout, MeterRegistry metrics, Function<UUID, Future<Boolean>> proofInFlight) {
    this.proofInFlight = proofInFlight;
    this.pool = pool;
    this.purchases = purchases;
    this.events = events;
    this.idempotent = idempotent;
    this.issuer = issuer;
    this.proofTimeout = proofTimeout;
    this.created = Counter.builder("tixproof_purchases_accepted").description("purchases accepted (AWAITING_PROOF)").register(metrics);
    this.paid = Counter.builder("tixproof_purchases_paid").description("purchases proven (PAID)").register(metrics);
    this.expired = Counter.builder("tixproof_purchases_expired").description("purchases expired and refunded").register(metrics);
    this.wrongSolutions = Counter.builder("tixproof_solutions_rejected").description("solution submissions refused as wrong").register(metrics);
  }

  public Future<StoredResponse> buy(UUID userId, String idempotencyKey, UUID eventId, int quantity) {
    String fingerprint = IdempotentExecutor.fingerprint("purchase", eventId, quantity);
    UUID purchaseId = Ids.newId();
    UUID depositToken = UUID.randomUUID();
    List<ChallengeIssuer.Issued> challenges = issuer.issue(depositToken);
    return idempotent.run(userId, idempotencyKey, fingerprint, tx -> events.find(tx, eventId).compose(found -> {
          if (found.isEmpty() || !startsLater(found.get())) {
            return Future.failedFuture(whyNotReserved(found));
          }
          Event event = found.get();
          long amount = Math.multiplyExact(event.price(), quantity);
          // Sent together on the transaction's connection (pipelined) and run in this order. The
          // seats are reserved last, so purchases of one event queue on its row only from here to
          // the commit. Guards that fail change no row; the checks below then roll it all back.
          Future<Purchase.Timestamps> inserted = PurchaseRepository.insert(tx, purchaseId, userId, eventId, quantity, amount, depositToken, proofTimeout);
          Future<Optional<LedgerEntry>> debited = WalletRepository.debit(tx, userId, amount, purchaseId);
          Future<Void> challengesStored = PurchaseRepository.insertChallenges(tx, purchaseId, challenges);
          Future<Void> jobQueued = Outbox.enqueue(tx, Outbox.CHALLENGE_JOB, depositToken.toString(), jobPayload(purchaseId, depositToken, challenges));
          Future<Optional<EventRepository.Reserved>> reserved = EventRepository.reserve(tx, eventId, quantity);
          return Future.all(inserted, debited, challengesStored, jobQueued, reserved).compose(all -> {
            if (reserved.result().isEmpty()) {
              return events.find(tx, eventId).compose(e -> Future.failedFuture(whyNotReserved(e)));
            }
            if (debited.result().isEmpty()) {
              return Future.failedFuture(new ApiException(ErrorCode.INSUFFICIENT_FUNDS, "the wallet balance does not cover " + amount));
            }
            Purchase.Timestamps times = inserted.result();
            Purchase p = new Purchase(purchaseId, userId, eventId, event.name(), quantity, amount,
                PurchaseStatus.AWAITING_PROOF, depositToken, null, times.createdAt(), times.updatedAt(), times.expiresAt(),
                challenges.stream().map(c -> new Purchase.Challenge(c.challengeId(), c.challengeHash(), false)).toList(),
                Purchase.TicketProgress.NONE);
            return Future.succeededFuture(StoredResponse.first(202, p.toJson().encode()));
          });
        }))
        .onSuccess(answer -> {
          if (!answer.replayed()) {
            created.increment();
            LOG.info("purchase {} created: user {} event {} x{}, awaiting proof", purchaseId, userId, eventId, quantity);
          }
        });
  }

  public Future<Purchase> get(UUID userId, UUID purchaseId) {
    return purchases.findOwn(purchaseId, userId).map(p -> p.orElseThrow(() -> ApiException.notFound("purchase")));
  }

  public Future<JsonObject> page(UUID userId, String before, int limit) {
    UUID cursor = new UUID(-1L, -1L);
    if (before != null && !before.isEmpty()) {
      try {
        cursor = UUID.fromString(before);
      } catch (IllegalArgumentException bad) {
        throw ApiException.invalid("before must be a purchase id from a previous page");
      }
    }
    return purchases.pageOwn(userId, cursor, limit + 1).map(rows -> {
      List<Purchase> page = rows.size() > limit ? rows.subList(0, limit) : rows;
      JsonArray items = new JsonArray();
      page.forEach(p -> items.add(p.toJson()));
      String next = rows.size() > limit ? page.get(page.size() - 1).id().toString() : null;
      return new JsonObject().put("items", items).put("next", next);
    });
  }

  private static boolean startsLater(Event event) {
    return event.startsAt().toInstant().isAfter(Instant.now());
  }

  /** The reservation changed nothing: the event is unknown, has started, or has too few seats left. */
  private static ApiException whyNotReserved(Optional<Event> event) {
    if (event.isEmpty()) {
      return ApiException.notFound("event");
    }
    if (!startsLater(event.get())) {
      return new ApiException(ErrorCode.INVALID_STATE, "the event has started; its tickets are no longer sold");
    }
    return new ApiException(ErrorCode.SOLD_OUT, "only " + event.get().seatsLeft() + " seats left for this event");
  }

  /**
   * Verifies submitted secrets by recomputing their hashes. All or nothing: one wrong or unknown
   * answer refuses the whole submission. When every challenge is solved the purchase is PAID.
   */
  public Future<Purchase> prove(UUID depositToken, List<Solution> solutions) {
    return pool.withTransaction(tx -> PurchaseRepository.lockByDepositToken(tx, depositToken).compose(locked -> {
      if (locked.isEmpty()) {
        return Future.failedFuture(ApiException.notFound("payment"));
      }
      UUID purchaseId = locked.get().id();
      PurchaseStatus status = locked.get().status();
      return PurchaseRepository.challenges(tx, purchaseId).compose(stored -> {
        Map<String, PurchaseRepository.StoredChallenge> byId = new HashMap<>();
        stored.forEach(c -> byId.put(c.challengeId(), c));
        List<Tuple> verified = new ArrayList<>();
        for (Solution s : solutions) {
          PurchaseRepository.StoredChallenge c = byId.get(s.challengeId());
          if (c == null || !Challenges.verify(depositToken.toString(), s.challengeId(), s.secret(), c.challengeHash(), issuer.secretMax())) {
            wrongSolutions.increment();
            LOG.info("payment {} refused a wrong solution for challenge {}", depositToken, s.challengeId());
            return Future.failedFuture(new ApiException(ErrorCode.WRONG_SOLUTION, "secret does not solve challenge " + s.challengeId()));
          }
          verified.add(Tuple.of(s.challengeId(), s.secret()));
        }
        if (status.isProven()) {
          return PurchaseRepository.get(tx, purchaseId); // a repeat: already accepted, nothing to do
        }
        if (status != PurchaseStatus.AWAITING_PROOF) {
          return Future.failedFuture(new ApiException(ErrorCode.INVALID_STATE, "purchase is " + status + "; proofs are no longer accepted"));
        }
        return PurchaseRepository.solve(tx, purchaseId, verified)
            .compose(newlySolved -> PurchaseRepository.unsolved(tx, purchaseId).compose(left -> {
              if (left > 0) {
                return newlySolved > 0 ? PurchaseRepository.touch(tx, purchaseId) : Future.<Void>succeededFuture();
              }
              return PurchaseRepository.transition(tx, purchaseId, PurchaseStatus.AWAITING_PROOF, PurchaseStatus.PAID)
                  .compose(moved -> Outbox.enqueue(tx, Outbox.PURCHASE_PAID, purchaseId.toString(),
                      new JsonObject().put("purchaseId", purchaseId.toString())))
                  .onSuccess(v -> {
                    paid.increment();
                    LOG.info("purchase {} paid: all {} challenges proven", purchaseId, stored.size());
                  });
            }))
            .compose(v -> PurchaseRepository.get(tx, purchaseId));
      });
    }));
  }

  /**
   * Expires what is due, one transaction per purchase; returns how many this call expired. Before
   * expiring, the job master is asked: a job it has already solved is being delivered to us, so
   * that purchase waits for its proof instead (an unreachable master does not hold expiry up).
   */
  public Future<Integer> expireDue(int batch) {
    return purchases.due(batch).compose(due -> {
      Future<Integer> chain = Future.succeededFuture(0);
      for (PurchaseRepository.Due d : due) {
        chain = chain.compose(n -> proofInFlight.apply(d.depositToken())
            .otherwise(false)
            .compose(inFlight -> {
              if (inFlight) {
                LOG.info("purchase {} is past its deadline but its proof is on the way; not expired", d.id());
                return Future.succeededFuture(n);
              }
              return expire(d.id()).map(done -> done ? n + 1 : n);
            }));
      }
      return chain;
    });
  }

  /** AWAITING_PROOF → EXPIRED with seats released and the amount refunded, in one transaction; false if not due or already done. */
  public Future<Boolean> expire(UUID purchaseId) {
    return pool.withTransaction(tx -> PurchaseRepository.expire(tx, purchaseId).compose(found -> {
      if (found.isEmpty()) {
        return Future.succeededFuture(false);
      }
      PurchaseRepository.Expired e = found.get();
      return EventRepository.release(tx, e.eventId(), e.quantity())
          .compose(v -> WalletRepository.credit(tx, e.userId(), LedgerEntry.Kind.REFUND, e.amount(), purchaseId))
          .compose(entry -> Outbox.enqueue(tx, Outbox.PURCHASE_EXPIRED, purchaseId.toString(),
              new JsonObject().put("purchaseId", purchaseId.toString()).put("refunded", e.amount())))
          .map(v -> {
            LOG.info("purchase {} expired unproven, released {} seats, refunded {} to user {}", purchaseId, e.quantity(), e.amount(), e.userId());
            return true;
          });
    })).onSuccess(done -> {
      if (done) {
        expired.increment();
      }
    });
  }

  private JsonObject jobPayload(UUID purchaseId, UUID depositToken, List<ChallengeIssuer.Issued> challenges) {
    JsonArray list = new JsonArray();
    challenges.forEach(c -> list.add(new JsonObject().put("challengeId", c.challengeId()).put("challengeHash", c.challengeHash())));
    return new JsonObject()
        .put("jobId", depositToken.toString())
        .put("depositToken", depositToken.toString())
        .put("purchaseId", purchaseId.toString())
        .put("secretMax", issuer.secretMax())
        .put("challenges", list);
  }
}
