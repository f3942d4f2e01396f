package com.tixproof.pdf;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/** Puts tickets in an S3 (or S3-compatible) bucket, publicly readable through the bucket policy. */
public final class S3TicketStore implements TicketStore {
  static final String CONTENT_TYPE = "application/pdf";

  private final S3Client s3;
  private final String bucket;
  private final String publicBaseUrl;

  /** @param s3 built once per container and reused: building it is most of a cold start's SDK cost */
  public S3TicketStore(S3Client s3, String bucket, String publicBaseUrl) {
    this.s3 = s3;
    this.bucket = bucket;
    this.publicBaseUrl = publicBaseUrl;
  }

  @Override
  public StoredTicket put(String key, byte[] pdf) {
    s3.putObject(
        PutObjectRequest.builder()
            .bucket(bucket)
            .key(key)
            .contentType(CONTENT_TYPE)
            .contentLength((long) pdf.length)
            // keys are never reused, so caches may keep a ticket for good
            .cacheControl("public, max-age=31536000, immutable")
            .build(),
        RequestBody.fromBytes(pdf));
    return new StoredTicket(bucket, key, TicketStore.link(publicBaseUrl, key));
  }
}
