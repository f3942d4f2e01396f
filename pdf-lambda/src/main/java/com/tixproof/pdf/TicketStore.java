package com.tixproof.pdf;

/** Keeps a rendered ticket under its key and says where it can be downloaded. */
public interface TicketStore {

  /** Stores the PDF; any failure is thrown (the caller retries with a new key). */
  StoredTicket put(String key, byte[] pdf);

  /** The public link of a key: {@code base + "/" + key}. */
  static String link(String publicBaseUrl, String key) {
    String base = publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1) : publicBaseUrl;
    return base + "/" + key;
  }
}
