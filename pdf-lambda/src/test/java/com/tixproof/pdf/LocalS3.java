package com.tixproof.pdf;

import com.adobe.testing.s3mock.S3MockApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.catalina.connector.Connector;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

/**
 * A real S3-compatible server (Adobe S3Mock) in this JVM, plain HTTP on 127.0.0.1 and a free port,
 * objects in a temporary folder. Starting it takes seconds, so a test run shares one
 * ({@link #shared()}); the bench starts its own.
 */
public final class LocalS3 implements AutoCloseable {
  public static final String BUCKET = "tixproof-tickets";
  private static LocalS3 shared;

  private final S3MockApplication app;
  private final Path root;

  private LocalS3(S3MockApplication app, Path root) {
    this.app = app;
    this.root = root;
  }

  /** One server for the whole test JVM, with {@link #BUCKET}; stopped when the JVM exits. */
  public static synchronized LocalS3 shared() {
    if (shared == null) {
      shared = start(BUCKET);
      Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "local-s3-stop"));
    }
    return shared;
  }

  public static LocalS3 start(String... buckets) {
    try {
      Path root = Files.createTempDirectory("local-s3-");
      Map<String, Object> props = new HashMap<>();
      props.put("server.port", 0); // the HTTPS connector: unused, but it must bind somewhere free
      props.put("server.address", "127.0.0.1");
      props.put("com.adobe.testing.s3mock.httpPort", 0);
      props.put("com.adobe.testing.s3mock.store.root", root.toString());
      props.put("com.adobe.testing.s3mock.store.initialBuckets", String.join(",", buckets));
      props.put("com.adobe.testing.s3mock.store.retainFilesOnExit", false);
      props.put("spring.main.sources", LoopbackConnectors.class.getName());
      props.put("silent", true);
      return new LocalS3(S3MockApplication.start(props), root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The plain-HTTP endpoint, for {@code S3_ENDPOINT}. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + app.getHttpPort());
  }

  /** The environment of a ticket function that stores in {@code bucket} here. */
  public Map<String, String> ticketEnv(String bucket) {
    return Map.of(
        "TICKET_STORE", "s3",
        "TICKET_BUCKET", bucket,
        "S3_ENDPOINT", endpoint().toString(),
        "AWS_REGION", "us-east-1",
        "AWS_ACCESS_KEY_ID", "local",
        "AWS_SECRET_ACCESS_KEY", "local");
  }

  @Override
  public void close() {
    app.stop();
    try (Stream<Path> files = Files.walk(root)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temp folder left behind is harmless
    }
  }

  /**
   * S3Mock's extra plain-HTTP connector listens on every interface even with {@code server.address};
   * this binds it (and the main one) to loopback. Registered through {@code spring.main.sources}.
   */
  public static final class LoopbackConnectors implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {
    @Override
    public void customize(TomcatServletWebServerFactory factory) {
      InetAddress loopback = InetAddress.getLoopbackAddress();
      factory.setAddress(loopback);
      for (Connector connector : factory.getAdditionalTomcatConnectors()) {
        connector.setProperty("address", loopback.getHostAddress());
      }
    }

    @Override
    public int getOrder() {
      return Ordered.LOWEST_PRECEDENCE;
    }
  }
}
