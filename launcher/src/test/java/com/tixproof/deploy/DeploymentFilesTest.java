package com.tixproof.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.tixproof.deploy.SourceScan.Code;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What can go wrong silently in the deployment files: a hook script missing or not executable, a
 * service built from a Dockerfile that is not there or pulled from an unpinned image, a variable the
 * code reads that compose never sets (or one compose sets that nothing reads: a typo), a health
 * check on a path nobody routes, a SAM handler that does not exist. The variables and routes come
 * from scanning the code ({@link SourceScan}), so these checks follow it as it changes.
 */
class DeploymentFilesTest {
  /** The compose services that run our code, and the sources of that code. */
  static final Map<String, Code> CODE = Map.of(
      "api", Code.of("api/src/main", "protocol/src/main"),
      "master", Code.of("challenge-workers/src/main", "protocol/src/main")
          .excluding("challenge-workers/src/main/java/com/tixproof/workers/worker"),
      "worker", Code.of("challenge-workers/src/main", "protocol/src/main")
          .excluding("challenge-workers/src/main/java/com/tixproof/workers/master"),
      "pdf", Code.of("pdf-lambda/src/main"));

  /** Variables the code reads that compose leaves unset on purpose, and why (docs/operations.md repeats them). */
  static final Map<String, Map<String, String>> NOT_SET_IN_COMPOSE = Map.of(
      "api", Map.of(
          "AWS_ACCESS_KEY_ID", "unset on purpose: the API then calls the Lambda emulator unsigned (in AWS the instance role signs)",
          "SES_ENDPOINT", "SES only; compose mails through Mailpit (MAIL_SENDER=smtp)",
          "FRONTEND_DIR", "the frontend service (nginx) serves the app; the API image holds no build of it"),
      "worker", Map.of("WORKER_ID", "unique per replica: its default (hostname-pid-random) is, one value would be shared by every --scale replica"),
      "pdf", Map.of(
          "PORT", "LocalLambdaServer's port for compose-less runs; in the Lambda image the runtime interface emulator listens on 8080",
          "BIND_ADDRESS", "LocalLambdaServer's address for compose-less runs (the emulator listens on all interfaces)",
          "TICKET_DIR", "the file store's folder; compose stores tickets in MinIO (TICKET_STORE=s3)",
          "AWS_DEFAULT_REGION", "the fallback when AWS_REGION is not set; compose sets AWS_REGION",
          "AWS_SESSION_TOKEN", "only with temporary AWS credentials; MinIO's are static"));

  /** Read only by the one-process launcher; never a container's concern. */
  static final Set<String> LAUNCHER_ONLY = Set.of("EMBEDDED_PG_PORT", "EMBEDDED_REDIS_PORT", "IN_PROCESS_WORKERS", "WORKER_ID_PREFIX");

  /** Set in compose for libraries rather than for our code: the JVM and the AWS SDK's credential and region chains. */
  static final Set<String> READ_BY_LIBRARIES = Set.of("JAVA_TOOL_OPTIONS", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_REGION");

  static final List<String> HOOKS = List.of("ApplicationStop", "BeforeInstall", "AfterInstall", "ApplicationStart", "ValidateService");

  private static final Pattern HTTP_CHECK = Pattern.compile("https?://(?:127\\.0\\.0\\.1|localhost):(?:\\$\\{?(\\w+)}?|(\\d+))(/[^\"'\\s|]*)");
  private static final Pattern TCP_CHECK = Pattern.compile("/dev/tcp/127\\.0\\.0\\.1/(\\d+)");
  private static final Pattern SCRIPT_CHECK = Pattern.compile("^\\[\\s*\"(/[^\"]+\\.sh)\"\\s*]$");

  private final JsonNode compose = Repo.yaml("docker-compose.yml");

  // --- CodeDeploy ---

  @Test
  void everyHookOfAppspecIsAnExecutableScript() {
    JsonNode appspec = Repo.yaml("appspec.yml");
    assertEquals("linux", appspec.path("os").asText());
    for (String hook : HOOKS) {
      JsonNode steps = appspec.path("hooks").path(hook);
      assertTrue(steps.isArray() && steps.size() > 0, "appspec.yml has no " + hook + " hook");
      for (JsonNode step : steps) {
        Path script = Repo.path(step.path("location").asText());
        assertTrue(Files.isRegularFile(script), hook + ": " + script + " does not exist");
        assertTrue(Files.isExecutable(script), hook + ": " + script + " is not executable");
        assertTrue(step.path("timeout").asInt() > 0, hook + " has no timeout");
      }
    }
  }

  @Test
  void theBundleCarriesEveryHookAndAppspecInstallsItWhereTheHooksLook() {
    JsonNode appspec = Repo.yaml("appspec.yml");
    String packaging = Repo.read(Repo.path("scripts/package-bundle.sh"));
    List<String> needed = new ArrayList<>(List.of("lib.sh", "run-service.sh", "supervise.sh"));
    appspec.path("hooks").forEach(steps -> steps.forEach(s -> needed.add(Path.of(s.path("location").asText()).getFileName().toString())));
    for (String script : needed) {
      assertTrue(packaging.contains(script), "scripts/package-bundle.sh does not put " + script + " in the bundle");
    }
    String lib = Repo.read(Repo.path("scripts/lib.sh"));
    Matcher root = Pattern.compile("RELEASE_ROOT=\\$\\{RELEASE_ROOT:-([^}]+)}").matcher(lib);
    assertTrue(root.find(), "scripts/lib.sh has no RELEASE_ROOT default");
    assertTrue(lib.contains("STAGING_DIR=${STAGING_DIR:-$RELEASE_ROOT/staging}"), "scripts/lib.sh stages somewhere else");
    assertEquals(root.group(1) + "/staging", appspec.path("files").get(0).path("destination").asText(),
        "appspec.yml copies the revision where the hooks do not look for it");
  }

  // --- docker compose ---

  @Test
  void everyServiceBuildsFromAnExistingDockerfileOrRunsAPinnedImage() {
    for (Map.Entry<String, JsonNode> service : services().entrySet()) {
      JsonNode spec = service.getValue();
      if (spec.has("build")) {
        Path dockerfile = dockerfilePath(spec);
        assertTrue(Files.isRegularFile(dockerfile), service.getKey() + ": " + dockerfile + " does not exist");
        String target = spec.path("build").path("target").asText(null);
        assertTrue(new Dockerfile(dockerfile).stage(target).isPresent(), service.getKey() + ": no stage " + target + " in " + dockerfile);
      } else {
        String image = spec.path("image").asText("");
        assertTrue(isPinned(image), service.getKey() + ": image '" + image + "' is not pinned to a version");
      }
    }
  }

  @Test
  void pinnedMeansATagOtherThanLatestOrADigest() {
    assertTrue(isPinned("postgres:16.4-alpine"));
    assertTrue(isPinned("minio/minio:RELEASE.2024-10-13T13-34-11Z"));
    assertTrue(isPinned("registry.example.com:5000/team/app@sha256:0123abcd"));
    assertFalse(isPinned("postgres"));
    assertFalse(isPinned("postgres:latest"));
    assertFalse(isPinned("registry.example.com:5000/team/app"));
  }

  @Test
  void theScanFindsWhatTheCodeIsKnownToRead() {
    // guards the checks below against a scan that silently finds nothing
    assertTrue(SourceScan.envReads(CODE.get("api")).containsAll(Set.of("DATABASE_URL", "PORT", "MASTER_URL", "LOG_LEVEL", "JWT_SECRET")));
    assertTrue(SourceScan.envReads(CODE.get("master")).containsAll(Set.of("DATABASE_URL", "REDIS_URL", "CALLBACK_SECRET_FILE", "MASTER_PORT")));
    Set<String> worker = SourceScan.envReads(CODE.get("worker"));
    assertTrue(worker.containsAll(Set.of("REDIS_URL", "THREADS", "HEARTBEAT_FILE", "WORKER_ID")), worker.toString());
    assertFalse(worker.contains("MASTER_PORT"), "the worker's sources include the master's");
    assertTrue(SourceScan.routes(CODE.get("api")).containsAll(Set.of("/health", "/metrics", "/openapi.yaml")));
    assertTrue(SourceScan.routes(CODE.get("master")).containsAll(Set.of("/heartbeat", "/workers", "/jobs")));
  }

  @Test
  void theScanReadsTheWaysTheCodeReadsItsEnvironment() {
    String source = """
        static Config fromEnv(Map<String, String> env) {
          Env e = new Env(env);
          String currency = e.get("CURRENCY", "CLP");
          int port = e.integer("PORT", 8080, 0, 65535);
          String dir = text(env, "TICKET_DIR").orElse("/tmp");
          long threads = Long.parseLong(env.getOrDefault("THREADS", "4"));
          Level level = Level.valueOf("INFO");
          String signature = ctx.request().getHeader("X_SIGNATURE");
          throw new IllegalArgumentException("DATABASE_URL is required");
        }
        """;
    assertEquals(Set.of("CURRENCY", "PORT", "TICKET_DIR", "THREADS"), SourceScan.envReadsInJava(source));
    assertEquals(Set.of(), SourceScan.envReadsInJava("class Constants { String a = of(\"NOT_ENV\"); }"),
        "a file that does not read the environment names no variables");
  }

  @Test
  void everyVariableTheCodeReadsIsSetInComposeForTheServiceThatRunsIt() {
    List<String> missing = new ArrayList<>();
    for (Map.Entry<String, Code> entry : CODE.entrySet()) {
      String service = entry.getKey();
      if (!entry.getValue().exists()) {
        continue; // a module not in this tree yet (pdf-lambda before its merge)
      }
      assertTrue(services().containsKey(service), "docker-compose.yml has no service " + service);
      Set<String> set = environment(services().get(service)).keySet();
      Map<String, String> excused = NOT_SET_IN_COMPOSE.getOrDefault(service, Map.of());
      for (String name : SourceScan.envReads(entry.getValue())) {
        if (!set.contains(name) && !excused.containsKey(name) && !LAUNCHER_ONLY.contains(name)) {
          missing.add(service + ": " + name);
        }
      }
    }
    assertEquals(List.of(), missing, "variables the code reads but docker-compose.yml neither sets nor defaults"
        + " (set them there, e.g. NAME: ${NAME:-default}, or explain them in NOT_SET_IN_COMPOSE)");
  }

  @Test
  void composeSetsNoVariableThatNothingReads() {
    List<String> unread = new ArrayList<>();
    for (Map.Entry<String, Code> entry : CODE.entrySet()) {
      if (!entry.getValue().exists() || !services().containsKey(entry.getKey())) {
        continue;
      }
      Set<String> read = SourceScan.envReads(entry.getValue());
      for (String name : environment(services().get(entry.getKey())).keySet()) {
        if (!read.contains(name) && !READ_BY_LIBRARIES.contains(name)) {
          unread.add(entry.getKey() + ": " + name);
        }
      }
    }
    assertEquals(List.of(), unread, "docker-compose.yml sets variables that no code of the service reads (a typo?)");
  }

  @Test
  void healthChecksTestEndpointsTheServicesServe() {
    for (Map.Entry<String, JsonNode> entry : services().entrySet()) {
      String service = entry.getKey();
      JsonNode spec = entry.getValue();
      if (!spec.has("build")) {
        continue;
      }
      Optional<String> check = healthCheck(spec);
      assertTrue(check.isPresent(), service + " has no health check (HEALTHCHECK in its Dockerfile or healthcheck: in compose)");
      String command = check.get();
      Matcher http = HTTP_CHECK.matcher(command);
      Matcher tcp = TCP_CHECK.matcher(command);
      Matcher script = SCRIPT_CHECK.matcher(command);
      if (http.find()) {
        checkHttp(service, spec, http.group(1), http.group(3));
      } else if (tcp.find()) {
        checkTcp(service, Integer.parseInt(tcp.group(1)));
      } else if (script.matches()) {
        checkScript(service, spec, script.group(1));
      } else {
        fail(service + ": health check '" + command + "' is none this test knows how to verify");
      }
    }
  }

  @Test
  void servicesWaitedForAsHealthyHaveAHealthCheck() {
    for (Map.Entry<String, JsonNode> entry : services().entrySet()) {
      JsonNode dependsOn = entry.getValue().path("depends_on");
      for (Iterator<String> it = dependsOn.isObject() ? dependsOn.fieldNames() : List.<String>of().iterator(); it.hasNext(); ) {
        String dependency = it.next();
        assertTrue(services().containsKey(dependency), entry.getKey() + " depends on a missing service " + dependency);
        if ("service_healthy".equals(dependsOn.path(dependency).path("condition").asText())) {
          assertTrue(healthCheck(services().get(dependency)).isPresent(),
              entry.getKey() + " waits for " + dependency + " to be healthy, but it has no health check");
        }
      }
    }
  }

  @Test
  void workersCanBeScaled() {
    JsonNode worker = services().get("worker");
    assertFalse(worker.has("container_name"), "a container_name forbids --scale worker=N");
    assertFalse(worker.has("ports"), "a published port forbids --scale worker=N");
    assertFalse(environment(worker).containsKey("WORKER_ID"), "one WORKER_ID would be shared by every replica");
  }

  @Test
  void theAwsPolicyFilesOfTheGuideAreValidJsonWithStatements() throws java.io.IOException {
    List<Path> files;
    try (var list = Files.list(Repo.path("deploy/aws"))) {
      files = list.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    }
    assertTrue(files.size() >= 5, "deploy/aws lacks the policy files docs/ci-cd.md uses: " + files);
    for (Path file : files) {
      JsonNode policy = Repo.yaml(Repo.ROOT.relativize(file).toString());
      assertEquals("2012-10-17", policy.path("Version").asText(), file + ": policy version");
      assertTrue(policy.path("Statement").isArray() && policy.path("Statement").size() > 0, file + " has no statements");
    }
    String guide = Repo.read(Repo.path("docs/ci-cd.md"));
    for (Path file : files) {
      assertTrue(guide.contains("deploy/aws/" + file.getFileName()), "docs/ci-cd.md never uses " + file.getFileName());
    }
  }

  // --- SAM ---

  @Test
  void theSamTemplateRunsAHandlerThatExistsWithVariablesTheFunctionReads() {
    Path template = Repo.path("pdf-lambda/template.yaml");
    if (!CODE.get("pdf").exists()) {
      assertFalse(Files.exists(template), "a SAM template without the pdf-lambda sources");
      return;
    }
    assertTrue(Files.isRegularFile(template), "pdf-lambda has no template.yaml");
    JsonNode root = Repo.yaml("pdf-lambda/template.yaml");
    Set<String> read = SourceScan.envReads(CODE.get("pdf"));
    JsonNode globals = root.path("Globals").path("Function");
    int functions = 0;
    for (JsonNode resource : root.path("Resources")) {
      if (!"AWS::Serverless::Function".equals(resource.path("Type").asText())) {
        continue;
      }
      functions++;
      JsonNode props = resource.path("Properties");
      String handler = props.path("Handler").asText(globals.path("Handler").asText(""));
      String className = handler.contains("::") ? handler.substring(0, handler.indexOf("::")) : handler;
      Path source = Repo.path("pdf-lambda/src/main/java/" + className.replace('.', '/') + ".java");
      assertTrue(Files.isRegularFile(source), "handler " + handler + " has no class " + source);
      assertEquals("java17", props.path("Runtime").asText(globals.path("Runtime").asText("")), "runtime of " + handler);
      String codeUri = props.path("CodeUri").asText("");
      if (codeUri.endsWith(".jar")) {
        // a jar built by Maven: the module's pom must write that file, and sam build must not try to build it
        String jar = Path.of(codeUri).getFileName().toString();
        assertTrue(Repo.read(Repo.path("pdf-lambda/pom.xml")).contains("/" + jar + "</outputFile>"),
            "pdf-lambda/pom.xml does not produce the template's CodeUri " + codeUri);
        assertTrue(resource.path("Metadata").path("SkipBuild").asBoolean(false),
            "CodeUri is a prebuilt jar: the function needs Metadata SkipBuild: True for sam build");
      }
      Set<String> variables = new TreeSet<>();
      globals.path("Environment").path("Variables").fieldNames().forEachRemaining(variables::add);
      props.path("Environment").path("Variables").fieldNames().forEachRemaining(variables::add);
      variables.removeAll(read);
      variables.removeAll(READ_BY_LIBRARIES);
      assertEquals(Set.of(), variables, "the template sets variables the function does not read");
    }
    assertTrue(functions > 0, "the template declares no AWS::Serverless::Function");
  }

  // --- helpers ---

  private Map<String, JsonNode> services() {
    Map<String, JsonNode> services = new LinkedHashMap<>();
    compose.path("services").fields().forEachRemaining(e -> services.put(e.getKey(), e.getValue()));
    return services;
  }

  /** A service's environment as compose writes it: a map, or a list of NAME=value. */
  static Map<String, String> environment(JsonNode service) {
    Map<String, String> env = new LinkedHashMap<>();
    JsonNode node = service.path("environment");
    if (node.isObject()) {
      node.fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
    } else if (node.isArray()) {
      node.forEach(item -> {
        String[] kv = item.asText().split("=", 2);
        env.put(kv[0], kv.length > 1 ? kv[1] : "");
      });
    }
    return env;
  }

  static boolean isPinned(String image) {
    if (image.contains("@sha256:")) {
      return true;
    }
    String lastPart = image.substring(image.lastIndexOf('/') + 1);
    int colon = lastPart.indexOf(':');
    return colon > 0 && colon < lastPart.length() - 1 && !lastPart.substring(colon + 1).equals("latest");
  }

  private static Path dockerfilePath(JsonNode spec) {
    JsonNode build = spec.path("build");
    String context = build.isTextual() ? build.asText() : build.path("context").asText(".");
    String file = build.isTextual() ? "Dockerfile" : build.path("dockerfile").asText("Dockerfile");
    return Repo.path(context).resolve(file).normalize();
  }

  /** The compose health check, else the HEALTHCHECK of the image's stage (or of a stage it is built on). */
  private Optional<String> healthCheck(JsonNode spec) {
    JsonNode test = spec.path("healthcheck").path("test");
    if (test.isArray()) {
      List<String> words = new ArrayList<>();
      test.forEach(w -> words.add(w.asText()));
      return Optional.of(String.join(" ", words));
    }
    if (test.isTextual()) {
      return Optional.of(test.asText());
    }
    if (!spec.has("build")) {
      return Optional.empty();
    }
    Dockerfile dockerfile = new Dockerfile(dockerfilePath(spec));
    return dockerfile.stage(spec.path("build").path("target").asText(null))
        .flatMap(stage -> dockerfile.inherited(stage, "HEALTHCHECK").stream().findFirst())
        .map(line -> line.substring(line.indexOf("CMD") + 3).strip());
  }

  private void checkHttp(String service, JsonNode spec, String portVariable, String path) {
    if (CODE.containsKey(service)) {
      Code code = CODE.get(service);
      if (portVariable != null) {
        assertTrue(SourceScan.envReads(code).contains(portVariable), service + ": health check port ${" + portVariable + "} is no variable the code reads");
      }
      assertTrue(SourceScan.routes(code).contains(path), service + ": health check path " + path + " is not routed by its code " + SourceScan.routes(code));
    } else {
      // the front end: nginx serves the path
      Path dockerfile = dockerfilePath(spec);
      String conf = Repo.read(dockerfile.getParent().resolve("nginx/default.conf.template"));
      assertTrue(conf.contains("location " + path + " ") || conf.contains("location = " + path + " "),
          service + ": nginx has no location for the health check path " + path);
    }
  }

  private void checkTcp(String service, int port) {
    // the Lambda image: its emulator listens on 8080, where the API's LAMBDA_ENDPOINT points (when set)
    assertEquals("pdf", service, "a TCP-only health check is only acceptable for the Lambda image");
    assertEquals(8080, port, "the Lambda runtime interface emulator listens on 8080");
    String endpoint = environment(services().get("api")).get("LAMBDA_ENDPOINT");
    if (endpoint != null) {
      assertEquals("http://pdf:" + port, endpoint, "the API invokes the function elsewhere than where it is health-checked");
    }
  }

  private void checkScript(String service, JsonNode spec, String imagePath) {
    Dockerfile dockerfile = new Dockerfile(dockerfilePath(spec));
    Dockerfile.Stage stage = dockerfile.stage(spec.path("build").path("target").asText(null)).orElseThrow();
    String source = dockerfile.inherited(stage, "COPY").stream()
        .map(line -> line.split("\\s+"))
        .filter(words -> words.length == 2 && words[1].equals(imagePath))
        .map(words -> words[0])
        .findFirst()
        .orElseThrow(() -> new AssertionError(service + ": the health check script " + imagePath + " is not copied into the image"));
    Path script = Repo.path(source);
    assertTrue(Files.isExecutable(script), service + ": " + script + " is not executable");
    // the worker's script tests HEARTBEAT_FILE: it must be set for the container and written by the code
    if (Repo.read(script).contains("HEARTBEAT_FILE")) {
      boolean set = environment(spec).containsKey("HEARTBEAT_FILE")
          || dockerfile.inherited(stage, "ENV").stream().anyMatch(e -> e.startsWith("HEARTBEAT_FILE="));
      assertTrue(set, service + ": HEARTBEAT_FILE is not set, so its health check can never pass");
      assertTrue(SourceScan.envReads(CODE.get(service)).contains("HEARTBEAT_FILE"), service + ": the code writes no HEARTBEAT_FILE");
    }
  }
}
