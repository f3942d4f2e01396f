package com.tixproof.api.ticket;

import com.tixproof.api.config.TicketConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.LambdaClientBuilder;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeRequest;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * Calls the ticket function on AWS Lambda (or anything speaking its Invoke API: the runtime
 * emulator, {@code LocalLambdaServer}) with a synchronous {@code RequestResponse} invoke. The SDK
 * blocks, so each call runs on a worker thread. A function error ({@code X-Amz-Function-Error})
 * is a failure, retried by the outbox like a network error.
 */
public final class LambdaTicketFunction implements TicketFunction, AutoCloseable {
  private final Vertx vertx;
  private final LambdaClient lambda;
  private final String functionName;

  public LambdaTicketFunction(Vertx vertx, LambdaClient lambda, String functionName) {
    this.vertx = vertx;
    this.lambda = lambda;
    this.functionName = functionName;
  }

  /**
   * A client for {@code AWS_REGION}, at {@code LAMBDA_ENDPOINT} when given. Credentials come from
   * the SDK's default chain; with an endpoint override and no {@code AWS_ACCESS_KEY_ID}, requests
   * go unsigned (local emulators do not check).
   */
  public static LambdaTicketFunction fromConfig(Vertx vertx, TicketConfig config) {
    AwsCredentialsProvider credentials = config.lambdaEndpoint().isPresent() && System.getenv("AWS_ACCESS_KEY_ID") == null
        ? AnonymousCredentialsProvider.create()
        : DefaultCredentialsProvider.builder().build();
    LambdaClientBuilder builder = LambdaClient.builder()
        .region(Region.of(config.awsRegion()))
        .credentialsProvider(credentials)
        .httpClient(UrlConnectionHttpClient.builder()
            .connectionTimeout(Duration.ofSeconds(5))
            .socketTimeout(Duration.ofSeconds(60))
            .build());
    config.lambdaEndpoint().ifPresent(builder::endpointOverride);
    return new LambdaTicketFunction(vertx, builder.build(), config.functionName());
  }

  @Override
  public Future<TicketLink> render(JsonObject input) {
    return vertx.executeBlocking(() -> {
      InvokeResponse res = lambda.invoke(InvokeRequest.builder()
          .functionName(functionName)
          .invocationType(InvocationType.REQUEST_RESPONSE)
          .payload(SdkBytes.fromUtf8String(input.encode()))
          .build());
      String body = res.payload() == null ? "" : res.payload().asUtf8String();
      if (res.functionError() != null) {
        throw new TicketRenderException("function " + functionName + " failed (" + res.functionError() + "): " + errorMessage(body));
      }
      return TicketLink.fromJson(new JsonObject(body));
    }, false);
  }

  private static String errorMessage(String body) {
    try {
      JsonObject error = new JsonObject(body);
      return error.getString("errorType", "error") + ": " + error.getString("errorMessage", body);
    } catch (RuntimeException notJson) {
      return body.length() > 300 ? body.substring(0, 300) : body;
    }
  }

  @Override
  public void close() {
    lambda.close();
  }
}
