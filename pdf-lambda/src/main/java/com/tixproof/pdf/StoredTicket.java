package com.tixproof.pdf;

import java.util.LinkedHashMap;
import java.util.Map;

/** Where a ticket landed: the function's output. {@code bucket} is {@code local} for the file store. */
public record StoredTicket(String bucket, String key, String url) {

  /** The contract's output object. */
  public Map<String, Object> toMap() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("bucket", bucket);
    out.put("key", key);
    out.put("url", url);
    return out;
  }
}
