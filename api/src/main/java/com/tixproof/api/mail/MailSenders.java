package com.tixproof.api.mail;

import com.tixproof.api.config.MailConfig;
import io.vertx.core.Vertx;

/** Picks the sender {@code MAIL_SENDER} (or its default) names. */
public final class MailSenders {
  private MailSenders() {}

  public static MailSender fromConfig(Vertx vertx, MailConfig config) {
    return switch (config.sender()) {
      case SES -> SesMailSender.fromConfig(vertx, config);
      case SMTP -> SmtpMailSender.fromConfig(vertx, config);
      case FILE -> new FileMailSender(vertx, config.outboxDir());
    };
  }
}
