package com.tixproof.api.mail;

import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.mailencoder.MailEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

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
    MailMessage m = new MailMessage().setFrom(from).setTo(to).setText(text);
    m.addHeader("Message-ID", messageId);
    // our own RFC 2047 words: the Vert.x encoder turns characters outside the BMP (emoji) into "?"
    m.addHeader("Subject", encodeHeader(subject));
    return m;
  }

  /**
   * An unstructured header value: as is when it is printable ASCII, else RFC 2047 base64 words of
   * whole code points (at most 45 bytes each, so each word stays within 75 characters), folded.
   */
  static String encodeHeader(String value) {
    if (value.chars().allMatch(c -> c >= 0x20 && c < 0x7f) && value.length() <= 900) {
      return value;
    }
    StringBuilder out = new StringBuilder();
    StringBuilder word = new StringBuilder();
    int bytes = 0;
    for (int i = 0; i < value.length(); ) {
      int cp = value.codePointAt(i);
      i += Character.charCount(cp);
      String ch = Character.isISOControl(cp) ? " " : new String(Character.toChars(cp));
      int size = ch.getBytes(StandardCharsets.UTF_8).length;
      if (bytes + size > 45) {
        appendWord(out, word);
        word.setLength(0);
        bytes = 0;
      }
      word.append(ch);
      bytes += size;
    }
    appendWord(out, word);
    return out.toString();
  }

  private static void appendWord(StringBuilder out, StringBuilder word) {
    if (word.length() == 0) {
      return;
    }
    if (out.length() > 0) {
      out.append("\n ");
    }
    out.append("=?UTF-8?B?").append(Base64.getEncoder().encodeToString(word.toString().getBytes(StandardCharsets.UTF_8))).append("?=");
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
