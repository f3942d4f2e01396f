package com.tixproof.pdf;

import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** Builds the one S3 client of a container: the JDK's URL connection (light, quick to start). */
final class S3Clients {
  private S3Clients() {}

  static S3Client build(TicketConfig config) {
    var builder = S3Client.builder()
        .region(Region.of(config.region()))
        .credentialsProvider(credentials(config))
        .httpClientBuilder(UrlConnectionHttpClient.builder()
            .connectionTimeout(Duration.ofSeconds(5))
            .socketTimeout(Duration.ofSeconds(30)))
        .overrideConfiguration(o -> o.addExecutionInterceptor(new NoExpectContinue()));
    config.s3Endpoint().ifPresent(endpoint -> builder
        .endpointOverride(endpoint)
        .forcePathStyle(true)
        // S3-compatible stores differ in their support of the SDK's default trailing checksums
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED));
    return builder.build();
  }

  /**
   * The SDK asks {@code Expect: 100-continue} on every PutObject, so the body waits one round trip
   * for the server's go-ahead. That protects large uploads; a ticket is 3 KB, so send it at once.
   */
  static final class NoExpectContinue implements ExecutionInterceptor {
    @Override
    public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
      return context.httpRequest().toBuilder().removeHeader("Expect").build();
    }
  }

  private static AwsCredentialsProvider credentials(TicketConfig config) {
    if (config.accessKeyId().isPresent() && config.secretAccessKey().isPresent()) {
      String id = config.accessKeyId().get();
      String secret = config.secretAccessKey().get();
      return StaticCredentialsProvider.create(config.sessionToken()
          .<AwsCredentials>map(token -> AwsSessionCredentials.create(id, secret, token))
          .orElseGet(() -> AwsBasicCredentials.create(id, secret)));
    }
    return DefaultCredentialsProvider.builder().build();
  }
}
