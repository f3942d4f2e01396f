package com.tixproof.api.mail;

import com.tixproof.api.config.MailConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.StartTLSOptions;

/** Sends through an SMTP server ({@code SMTP_HOST}, {@code SMTP_PORT}, credentials, STARTTLS policy) with the Vert.x mail client. */
public final class SmtpMailSender implements MailSender {
  private final MailClient client;

  public SmtpMailSender(MailClient client) {
    this.client = client;
  }

  public static SmtpMailSender fromConfig(Vertx vertx, MailConfig config) {
    io.vertx.ext.mail.MailConfig options = new io.vertx.ext.mail.MailConfig()
        .setHostname(config.smtpHost().orElseThrow())
        .setPort(config.smtpPort())
        .setStarttls(switch (config.smtpStartTls()) {
          case OPTIONAL -> StartTLSOptions.OPTIONAL;
          case REQUIRED -> StartTLSOptions.REQUIRED;
          case DISABLED -> StartTLSOptions.DISABLED;
        })
        .setConnectTimeout(5_000)
        .setKeepAlive(true)
        .setMaxPoolSize(4);
    if (config.smtpUsername().isPresent()) {
      options.setUsername(config.smtpUsername().get()).setPassword(config.smtpPassword().orElse("")).setLogin(LoginOption.REQUIRED);
    } else {
      options.setLogin(LoginOption.DISABLED);
    }
    return new SmtpMailSender(MailClient.createShared(vertx, options, "tixproof-smtp"));
  }

  @Override
  public Future<Void> send(Mail mail) {
    return client.sendMail(mail.toMailMessage()).mapEmpty();
  }

  @Override
  public void close() {
    client.close();
  }
}
