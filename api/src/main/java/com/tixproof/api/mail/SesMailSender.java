package com.tixproof.api.mail;

import com.tixproof.api.config.MailConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.SesV2ClientBuilder;
import software.amazon.awssdk.services.sesv2.model.EmailContent;
import software.amazon.awssdk.services.sesv2.model.RawMessage;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;

/**
 * Sends through Amazon SES v2 ({@code MAIL_SENDER=ses}, region {@code AWS_REGION}, endpoint
 * {@code SES_ENDPOINT} when overridden), as a raw MIME message so it is byte for byte the message
 * the other senders produce. The SDK blocks, so each send runs on a worker thread.
 */
public final class SesMailSender implements MailSender {
  private final Vertx vertx;
  private final SesV2Client ses;

  public SesMailSender(Vertx vertx, SesV2Client ses) {
    this.vertx = vertx;
    this.ses = ses;
  }

  public static SesMailSender fromConfig(Vertx vertx, MailConfig config) {
    SesV2ClientBuilder builder = SesV2Client.builder()
        .region(Region.of(config.awsRegion()))
        .credentialsProvider(DefaultCredentialsProvider.builder().build())
        .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(5)).socketTimeout(Duration.ofSeconds(30)).build());
    config.sesEndpoint().ifPresent(builder::endpointOverride);
    return new SesMailSender(vertx, builder.build());
  }

  @Override
  public Future<Void> send(Mail mail) {
    return vertx.executeBlocking(() -> {
      ses.sendEmail(SendEmailRequest.builder()
          .content(EmailContent.builder()
              .raw(RawMessage.builder().data(SdkBytes.fromString(mail.encode(), StandardCharsets.UTF_8)).build())
              .build())
          .build());
      return null;
    }, false);
  }

  @Override
  public void close() {
    ses.close();
  }
}
