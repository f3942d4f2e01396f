package com.tixproof.protocol;

import java.util.HashMap;
import java.util.Map;

/**
 * One range task on {@link Queue#TASKS}: search secrets {@code from..to} (inclusive) of one
 * challenge. {@code jobId} is the purchase's deposit token.
 */
public record TaskMessage(long taskId, String jobId, String challengeId, String challengeHash, long from, long to) {

  public Map<String, String> toFields() {
    Map<String, String> m = new HashMap<>(8);
    m.put("task", Long.toString(taskId));
    m.put("job", jobId);
    m.put("challenge", challengeId);
    m.put("hash", challengeHash);
    m.put("from", Long.toString(from));
    m.put("to", Long.toString(to));
    return m;
  }

  public static TaskMessage fromFields(Map<String, String> m) {
    return new TaskMessage(Long.parseLong(m.get("task")), m.get("job"), m.get("challenge"), m.get("hash"),
        Long.parseLong(m.get("from")), Long.parseLong(m.get("to")));
  }

  public long size() {
    return to - from + 1;
  }
}
