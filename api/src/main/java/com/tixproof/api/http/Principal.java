package com.tixproof.api.http;

import java.util.UUID;

/** Who is calling, as proven by their token. */
public record Principal(UUID userId, String role) {
  public static final String ADMIN = "admin";
  public static final String CUSTOMER = "customer";

  public boolean isAdmin() {
    return ADMIN.equals(role);
  }
}
