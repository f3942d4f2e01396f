package com.tixproof.api.outbox;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

/**
 * Writes cross-service work in the transaction of the change that causes it, so it is sent if and
 * only if the change commits. {@code (topic, messageKey)} is unique: the key is what makes a
 * redelivery harmless at the receiver (the deposit token for a job, the purchase id for a ticket).
 */
public final class Outbox {
  public static final String CHALLENGE_JOB = "challenge.job";
  public static final String PURCHASE_PAID = "purchase.paid";
  public static final String PURCHASE_EXPIRED = "purchase.expired";
  /** The "your ticket is ready" e-mail; written with the PAID → TICKET_READY change. */
  public static final String TICKET_MAIL = "mail.ticket_ready";

  private static final String ENQUEUE =
      "INSERT INTO outbox (topic, message_key, payload) VALUES ($1, $2, $3) ON CONFLICT (topic, message_key) DO NOTHING";

  private Outbox() {}

  public static Future<Void> enqueue(SqlClient tx, String topic, String messageKey, JsonObject payload) {
    return tx.preparedQuery(ENQUEUE).execute(Tuple.of(topic, messageKey, payload)).mapEmpty();
  }
}
