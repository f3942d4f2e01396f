package com.tixproof.api.mail;

import io.vertx.core.Future;

/** Sends one e-mail; a failed future is retried by the outbox, so sending must tolerate repeats. */
public interface MailSender {
  Future<Void> send(Mail mail);

  /** Releases connections; nothing by default. */
  default void close() {}
}
