package com.tixproof.api;

import com.tixproof.api.account.AccountRepository;
import com.tixproof.api.account.AccountRoutes;
import com.tixproof.api.account.AccountService;
import com.tixproof.api.account.PasswordHasher;
import com.tixproof.api.config.AppConfig;
import com.tixproof.api.db.Database;
import com.tixproof.api.db.Migrations;
import com.tixproof.api.event.EventRepository;
import com.tixproof.api.event.EventRoutes;
import com.tixproof.api.event.EventService;
import com.tixproof.api.http.Auth;
import com.tixproof.api.http.ClientAddress;
import com.tixproof.api.http.FrontendRoutes;
import com.tixproof.api.http.HttpVerticle;
import com.tixproof.api.http.Cors;
import com.tixproof.api.http.RateLimiter;
import com.tixproof.api.idempotency.IdempotentExecutor;
import com.tixproof.api.ops.OpsRoutes;
import com.tixproof.api.purchase.CallbackSignature;
import com.tixproof.api.purchase.ChallengeIssuer;
import com.tixproof.api.purchase.ExpirySweeperVerticle;
import com.tixproof.api.purchase.PurchaseRepository;
import com.tixproof.api.purchase.PurchaseRoutes;
import com.tixproof.api.purchase.PurchaseService;
import com.tixproof.api.purchase.SolutionRoutes;
import com.tixproof.api.wallet.WalletRepository;
import com.tixproof.api.wallet.WalletRoutes;
import com.tixproof.api.wallet.WalletService;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.sqlclient.Pool;
import com.tixproof.api.db.Notifications;
import com.tixproof.api.outbox.Outbox;
import com.tixproof.api.outbox.OutboxRelayVerticle;
import com.tixproof.api.purchase.PurchaseWatchers;
import com.tixproof.api.mail.MailSender;
import com.tixproof.api.mail.MailSenders;
import com.tixproof.api.config.TicketConfig;
import com.tixproof.api.ticket.LambdaTicketFunction;
import com.tixproof.api.ticket.PurchaseMails;
import com.tixproof.api.ticket.TicketDelivery;
import com.tixproof.api.ticket.TicketFileRoutes;
import com.tixproof.api.ticket.TicketFunction;
import com.tixproof.api.ticket.TicketRepository;
import com.tixproof.api.ticket.TicketRoutes;
import com.tixproof.api.ticket.TicketSigner;
import com.tixproof.api.ticket.TicketVerifier;
import com.tixproof.api.workers.MasterClient;
import com.tixproof.api.workers.WorkerStatusRoutes;
import com.tixproof.api.workers.WorkerStatusService;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the API together and deploys it in dependency order: schema, pool, services, then the HTTP
 * verticles and the background loops. {@link #start} returns a handle the launcher and the tests
 * stop again.
 */
public final class Api {
  private static final Logger LOG = LoggerFactory.getLogger(Api.class);

  private final Vertx vertx;
  private final AppConfig config;
  private final Pool pool;
  private final ExpirySweeperVerticle sweeper;
  private final OutboxRelayVerticle relay;
  private final Notifications notifications;
  private final List<String> deployments = new ArrayList<>();
  private final List<Runnable> closers = new ArrayList<>();
  private long statusTimer = -1;

  private Api(Vertx vertx, AppConfig config, Pool pool, ExpirySweeperVerticle sweeper,
      OutboxRelayVerticle relay, Notifications notifications) {
    this.vertx = vertx;
    this.config = config;
    this.pool = pool;
    this.sweeper = sweeper;
    this.relay = relay;
    this.notifications = notifications;
  }

  public static Future<Api> start(Vertx vertx, AppConfig config, PrometheusMeterRegistry registry) {
    return start(vertx, config, registry, null);
  }

  /**
   * With {@code ticketFunction} the API renders tickets through it (the launcher's in-process
   * call); with null, {@code TICKET_DELIVERY} decides (AWS Lambda, or off).
   */
  public static Future<Api> start(Vertx vertx, AppConfig config, PrometheusMeterRegistry registry, TicketFunction ticketFunction) {
    return vertx.executeBlocking(() -> {
      Migrations.migrate(config.databaseUrl());
      return null;
    }, false).compose(migrated -> {
      Pool pool = Database.pool(vertx, config.databaseUrl(), config.dbPoolSize());
      Auth auth = new Auth(vertx, config.jwtSecret(), config.jwtTtl());
      IdempotentExecutor idempotent = new IdempotentExecutor(pool);

      AccountService accounts = new AccountService(vertx, new AccountRepository(pool), new PasswordHasher(config.argon2()), auth,
          config.currency(), new RateLimiter(config.loginMaxPerMinutePerEmail(), Clock.systemUTC()),
          new RateLimiter(config.loginMaxPerMinutePerAddress(), Clock.systemUTC()));
      WalletService wallet = new WalletService(new WalletRepository(pool), idempotent);
      EventRepository eventRepository = new EventRepository(pool);
      EventService events = new EventService(eventRepository);
      MasterClient master = config.masterUrl()
          .map(url -> new MasterClient(WebClient.create(vertx), url, config.callbackSecret()))
          .orElse(null);
      PurchaseService purchases = new PurchaseService(pool, new PurchaseRepository(pool), eventRepository, idempotent,
          new ChallengeIssuer(config.challengeCount(), config.challengeSecretMax()), config.purchaseProofTimeout(), registry,
          depositToken -> master == null ? Future.succeededFuture(false)
              : master.job(depositToken.toString()).map(job -> job.map(j -> "SOLVED".equals(j.getString("state"))).orElse(false)));
      PurchaseWatchers watchers = new PurchaseWatchers(pool);
      WorkerStatusService workerStatus = new WorkerStatusService(master, config.workerStatusStaleAfter(),
          config.challengeCount() * config.challengeSecretMax() / 2);
      Map<String, Function<JsonObject, Future<Void>>> receivers = new HashMap<>();
      if (master != null) {
        receivers.put(Outbox.CHALLENGE_JOB, master::postJob);
      }
      List<Runnable> closers = new ArrayList<>();
      TicketSigner signer = TicketSigner.fromSeed(config.tickets().signingKey());
      TicketRepository tickets = new TicketRepository(pool);
      TicketFunction function = ticketFunction;
      if (function == null && config.tickets().delivery() == TicketConfig.Delivery.LAMBDA) {
        LambdaTicketFunction lambda = LambdaTicketFunction.fromConfig(vertx, config.tickets());
        closers.add(lambda::close);
        function = lambda;
      }
      if (function != null) {
        receivers.put(Outbox.PURCHASE_PAID, new TicketDelivery(tickets, signer, function, config.tickets().organizer(),
            config.tickets().maxRenderAttempts(), registry)::deliver);
      } else {
        LOG.warn("TICKET_DELIVERY=off: paid purchases wait in the outbox for a process that renders tickets");
      }
      MailSender mail = MailSenders.fromConfig(vertx, config.mail());
      closers.add(mail::close);
      PurchaseMails mails = new PurchaseMails(tickets, mail, config.mail().from(), config.tickets().organizer(), registry);
      receivers.put(Outbox.TICKET_MAIL, mails::ticketReady);
      receivers.put(Outbox.PURCHASE_EXPIRED, mails::expired);
      OutboxRelayVerticle relay = new OutboxRelayVerticle(pool, receivers, config.outboxPollInterval(), registry);
      Notifications notifications = new Notifications(vertx, config.databaseUrl())
          .on("purchase_changed", watchers::changed)
          .on("outbox_new", topic -> relay.kick());

      List<Consumer<Router>> mounts = List.of(
          new OpsRoutes(pool, registry)::mount,
          new AccountRoutes(accounts, auth, new ClientAddress(config.trustForwardedFor()))::mount,
          new WalletRoutes(wallet, auth, config.topUpMax())::mount,
          new EventRoutes(events, auth)::mount,
          new PurchaseRoutes(purchases, watchers, auth)::mount,
          new WorkerStatusRoutes(workerStatus)::mount,
          new SolutionRoutes(purchases, new CallbackSignature(config.callbackSecret()))::mount,
          new TicketRoutes(new TicketVerifier(tickets, signer, registry), signer, purchases, auth)::mount,
          new TicketFileRoutes(config.tickets().filesDir())::mount);

      ExpirySweeperVerticle sweeper = new ExpirySweeperVerticle(purchases, config.sweepInterval());
      Api api = new Api(vertx, config, pool, sweeper, relay, notifications);
      api.closers.addAll(closers);
      return api.bootstrap(accounts, events)
          .compose(v -> api.deploy(mounts))
          .compose(v -> notifications.connect())
          .onSuccess(v -> api.statusTimer = workerStatus.start(vertx, Duration.ofSeconds(1)))
          .map(v -> api)
          .onFailure(err -> {
            closers.forEach(Runnable::run);
            pool.close();
          });
    });
  }

  private Future<Void> bootstrap(AccountService accounts, EventService events) {
    Future<Void> admin = config.adminEmail().isPresent() && config.adminPassword().isPresent()
        ? accounts.ensureAdmin(config.adminEmail().get(), config.adminName(), config.adminPassword().get()).mapEmpty()
        : Future.succeededFuture();
    return admin.compose(v -> config.seedDemoEvents() ? events.seedDemoEvents() : Future.succeededFuture());
  }

  private Future<Void> deploy(List<Consumer<Router>> apiMounts) {
    List<Consumer<Router>> mounts = new ArrayList<>();
    if (!config.corsAllowedOrigins().isEmpty()) {
      LOG.info("cross-origin requests allowed from {}", config.corsAllowedOrigins());
      mounts.add(router -> Cors.mount(router, config.corsAllowedOrigins())); // first: preflights end here
    }
    mounts.addAll(apiMounts);
    config.frontendDir().ifPresent(dir -> {
      LOG.info("serving the front end from {}", dir);
      mounts.add(new FrontendRoutes(dir)::mount); // last: it takes only what no API route took
    });
    return vertx.deployVerticle(() -> new HttpVerticle(config.host(), config.port(), mounts),
            new DeploymentOptions().setInstances(config.httpInstances()))
        .compose(id -> {
          deployments.add(id);
          return vertx.deployVerticle(sweeper);
        })
        .compose(id -> {
          deployments.add(id);
          return vertx.deployVerticle(relay);
        })
        .map(id -> {
          deployments.add(id);
          LOG.info("API listening on http://{}:{} ({} HTTP verticles)", config.host(), config.port(), config.httpInstances());
          return null;
        });
  }

  public Pool pool() {
    return pool;
  }

  public AppConfig config() {
    return config;
  }

  public Future<Void> stop() {
    vertx.cancelTimer(statusTimer);
    Future<Void> chain = notifications.close().otherwiseEmpty();
    for (int i = deployments.size() - 1; i >= 0; i--) {
      String id = deployments.get(i);
      chain = chain.compose(v -> vertx.undeploy(id));
    }
    return chain.eventually(() -> {
      closers.forEach(Runnable::run);
      return pool.close();
    });
  }
}
