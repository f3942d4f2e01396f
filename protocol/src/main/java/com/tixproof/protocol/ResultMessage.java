package com.tixproof.protocol;

import java.util.HashMap;
import java.util.Map;

/** What a worker says about a task on {@link Queue#RESULTS}. */
public record ResultMessage(long taskId, String jobId, String challengeId, String workerId, Outcome outcome, long secret,
    long tried, long nanos) {

  /** FOUND: {@code secret} solves the challenge; EXHAUSTED: not in the range; CANCELLED: solved elsewhere first. */
  public enum Outcome { FOUND, EXHAUSTED, CANCELLED }

  public Map<String, String> toFields() {
    Map<String, String> m = new HashMap<>(8);
    m.put("task", Long.toString(taskId));
    m.put("job", jobId);
    m.put("challenge", challengeId);
    m.put("worker", workerId);
    m.put("outcome", outcome.name());
    m.put("secret", Long.toString(secret));
    m.put("tried", Long.toString(tried));
    m.put("nanos", Long.toString(nanos));
    return m;
  }

  public static ResultMessage fromFields(Map<String, String> m) {
    return new ResultMessage(Long.parseLong(m.get("task")), m.get("job"), m.get("challenge"), m.get("worker"),
        Outcome.valueOf(m.get("outcome")), Long.parseLong(m.get("secret")), Long.parseLong(m.get("tried")),
        Long.parseLong(m.get("nanos")));
  }
}
