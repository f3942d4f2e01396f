package com.tixproof.api.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How e-mail leaves: {@code MAIL_SENDER} = {@code ses} (Amazon SES v2), {@code smtp}, or
 * {@code file} (one {@code .eml} per message under {@code $DATA_DIR/outbox}). Without
 * {@code MAIL_SENDER}: SMTP when {@code SMTP_HOST} is set, else files.
 */
public record MailConfig(
    Sender sender,
    String from,
    Path outboxDir,
    Optional<String> smtpHost,
    int smtpPort,
    Optional<String> smtpUsername,
    Optional<String> smtpPassword,
    StartTls smtpStartTls,
    Optional<URI> sesEndpoint,
    String awsRegion) {

  public enum Sender { SES, SMTP, FILE }

  /** {@code SMTP_STARTTLS}: use it when offered (default), insist on it, or never. */
  public enum StartTls { OPTIONAL, REQUIRED, DISABLED }

  static MailConfig fromEnv(AppConfig.Env e, Path dataDir) {
    Optional<String> smtpHost = Optional.ofNullable(e.get("SMTP_HOST", null)).filter(s -> !s.isBlank());
    String sender = e.get("MAIL_SENDER", smtpHost.isPresent() ? "smtp" : "file").trim().toUpperCase();
    Sender mode;
    try {
      mode = Sender.valueOf(sender);
    } catch (IllegalArgumentException bad) {
      throw new IllegalArgumentException("MAIL_SENDER must be ses, smtp or file, got " + sender.toLowerCase(), bad);
    }
    if (mode == Sender.SMTP && smtpHost.isEmpty()) {
      throw new IllegalArgumentException("MAIL_SENDER=smtp needs SMTP_HOST");
    }
    String startTls = e.get("SMTP_STARTTLS", "optional").trim().toLowerCase();
    StartTls tls = switch (startTls) {
      case "optional" -> StartTls.OPTIONAL;
      case "required", "true", "yes", "on", "1" -> StartTls.REQUIRED;
      case "disabled", "false", "no", "off", "0" -> StartTls.DISABLED;
      default -> throw new IllegalArgumentException("SMTP_STARTTLS must be optional, required or disabled, got " + startTls);
    };
    String from = e.get("MAIL_FROM", "Tixproof <tickets@tixproof.local>");
    if (!from.contains("@")) {
      throw new IllegalArgumentException("MAIL_FROM must be an e-mail address, optionally with a name: Name <address>; got " + from);
    }
    return new MailConfig(
        mode,
        from,
        dataDir.resolve("outbox"),
        smtpHost,
        e.integer("SMTP_PORT", 587, 1, 65535),
        Optional.ofNullable(e.get("SMTP_USERNAME", null)),
        Optional.ofNullable(e.get("SMTP_PASSWORD", null)),
        tls,
        Optional.ofNullable(e.get("SES_ENDPOINT", null)).map(URI::create),
        e.get("AWS_REGION", "us-east-1"));
  }
}
