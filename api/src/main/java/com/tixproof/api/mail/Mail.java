package com.tixproof.api.mail;

import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.mailencoder.MailEncoder;

/**
 * One outgoing e-mail, plain text. The Message-ID is chosen by the caller and deterministic (one
 * per purchase and kind), so a resend is recognisably the same message and the file sender
 * overwrites instead of duplicating.
 */
public record Mail(String messageId, String from, String to, String subject, String text) {

  public Mail {
    if (!messageId.matches("<[A-Za-z0-9._-]+@[A-Za-z0-9.-]+>")) {
      throw new IllegalArgumentException("not a Message-ID: " + messageId);
    }
  }

  /** The Vert.x mail message, with our Message-ID replacing the generated one. */
  public MailMessage toMailMessage() {
    MailMessage m = new MailMessage().setFrom(from).setTo(to).setSubject(subject).setText(text);
    m.addHeader("Message-ID", messageId);
    return m;
  }

  /** The whole message in RFC 5322 form (headers, MIME, encoded body), as an {@code .eml} file or SES raw message holds it. */
  public String encode() {
    return new MailEncoder(toMailMessage(), domain()).encode();
  }

  /** A file-name-safe form of the Message-ID: {@code ticket-ready.0193…}. */
  public String fileStem() {
    return messageId.substring(1, messageId.indexOf('@'));
  }

  private String domain() {
    return messageId.substring(messageId.indexOf('@') + 1, messageId.length() - 1);
  }
}
