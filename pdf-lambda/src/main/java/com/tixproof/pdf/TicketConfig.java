package com.tixproof.pdf;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The function's environment, read once.
 *
 * @param store {@code s3} or {@code file}
 * @param bucket the S3 bucket ({@code TICKET_BUCKET}); empty for the file store
 * @param prefix the key prefix ({@code TICKET_PREFIX}, default {@code tickets/})
 * @param s3Endpoint an S3-compatible endpoint ({@code S3_ENDPOINT}); path-style addressing when set
 * @param region {@code AWS_REGION} (Lambda sets it), else {@code AWS_DEFAULT_REGION}, else us-east-1
 * @param publicBaseUrl link = base + "/" + key ({@code TICKET_PUBLIC_BASE_URL})
 * @param dir the file store's folder ({@code TICKET_DIR})
 * @param accessKeyId static credentials when the environment map carries them
 */
public record TicketConfig(
    String store,
    Optional<String> bucket,
    String prefix,
    Optional<URI> s3Endpoint,
    String region,
    String publicBaseUrl,
    Optional<Path> dir,
    Optional<String> accessKeyId,
    Optional<String> secretAccessKey,
    Optional<String> sessionToken) {

  public static final String S3 = "s3";
  public static final String FILE = "file";

  /** @throws IllegalArgumentException naming the variable that is missing or wrong */
  public static TicketConfig fromEnv(Map<String, String> env) {
    String store = text(env, "TICKET_STORE").orElse(S3).toLowerCase(Locale.ROOT);
    String prefix = text(env, "TICKET_PREFIX").orElse("tickets/");
    if (prefix.startsWith("/") || prefix.contains("..")) {
      throw new IllegalArgumentException("TICKET_PREFIX must be a relative key prefix like tickets/, got " + prefix);
    }
    String region = text(env, "AWS_REGION").or(() -> text(env, "AWS_DEFAULT_REGION")).orElse("us-east-1");
    Optional<URI> endpoint = text(env, "S3_ENDPOINT").map(TicketConfig::uri);
    Optional<String> base = text(env, "TICKET_PUBLIC_BASE_URL");
    Optional<String> accessKeyId = text(env, "AWS_ACCESS_KEY_ID");
    Optional<String> secret = text(env, "AWS_SECRET_ACCESS_KEY");
    Optional<String> session = text(env, "AWS_SESSION_TOKEN");
    switch (store) {
      case S3 -> {
        String bucket = text(env, "TICKET_BUCKET")
            .orElseThrow(() -> new IllegalArgumentException("TICKET_BUCKET is required when TICKET_STORE=s3"));
        String publicBase = base.orElseGet(() -> endpoint
            .map(e -> TicketStore.link(e.toString(), bucket))
            .orElse("https://" + bucket + ".s3." + region + ".amazonaws.com"));
        return new TicketConfig(store, Optional.of(bucket), prefix, endpoint, region, publicBase, Optional.empty(),
            accessKeyId, secret, session);
      }
      case FILE -> {
        Path dir = text(env, "TICKET_DIR").map(Path::of)
            .orElseThrow(() -> new IllegalArgumentException("TICKET_DIR is required when TICKET_STORE=file"));
        String publicBase = base
            .orElseThrow(() -> new IllegalArgumentException("TICKET_PUBLIC_BASE_URL is required when TICKET_STORE=file"));
        return new TicketConfig(store, Optional.empty(), prefix, endpoint, region, publicBase, Optional.of(dir),
            accessKeyId, secret, session);
      }
      default -> throw new IllegalArgumentException("TICKET_STORE must be s3 or file, got " + store);
    }
  }

  private static URI uri(String raw) {
    URI uri = URI.create(raw);
    if (uri.getScheme() == null || uri.getHost() == null) {
      throw new IllegalArgumentException("S3_ENDPOINT must be an absolute URL like http://127.0.0.1:9090, got " + raw);
    }
    return uri;
  }

  private static Optional<String> text(Map<String, String> env, String name) {
    return Optional.ofNullable(env.get(name)).map(String::trim).filter(s -> !s.isEmpty());
  }

  @Override
  public String toString() { // never print the credentials
    return "TicketConfig[store=" + store + ", bucket=" + bucket.orElse("-") + ", prefix=" + prefix
        + ", s3Endpoint=" + s3Endpoint.map(URI::toString).orElse("-") + ", region=" + region
        + ", publicBaseUrl=" + publicBaseUrl + ", dir=" + dir.map(Path::toString).orElse("-") + "]";
  }
}
