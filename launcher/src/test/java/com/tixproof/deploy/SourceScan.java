package com.tixproof.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a deployable's source code reads from its environment and which HTTP paths it routes, found by
 * scanning its sources, so the deployment checks follow the code as it changes.
 *
 * <p>Environment: in every Java file that reads the environment (it mentions {@code getenv},
 * {@code fromEnv} or a {@code Map<String, String> env}), each upper-case string literal passed as a
 * call's first argument ({@code env.get("PORT")}, {@code e.integer("PORT", …)},
 * {@code env.getOrDefault("THREADS", …)}) or as its second after a plain name
 * ({@code text(env, "PORT")}); in logback files, each {@code ${NAME:-default}}.
 */
final class SourceScan {
  /** A call whose first argument, or second after a plain name ({@code text(env, "PORT")}), is an upper-case literal. */
  private static final Pattern ENV_CALL = Pattern.compile("\\b(\\w+)\\(\\s*(?:\\w+\\s*,\\s*)?\"([A-Z][A-Z0-9_]+)\"");
  private static final Set<String> NOT_ENV_READS = Set.of("valueOf", "equals", "equalsIgnoreCase", "contains", "startsWith",
      "endsWith", "matches", "header", "getHeader", "putHeader");
  private static final Pattern READS_ENV = Pattern.compile("getenv|fromEnv|Map<String, ?String> env\\b");
  private static final Pattern LOGBACK_VAR = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]+)(?::-[^}]*)?}");
  private static final Pattern ROUTE = Pattern.compile("\\.(?:get|post|put|delete|patch|route)\\(\\s*\"(/[^\"]*)\"");

  /** The sources of one deployable: folders (or files) under the repository root, minus some sub-folders. */
  record Code(List<String> includes, List<String> excludes) {
    static Code of(String... includes) {
      return new Code(List.of(includes), List.of());
    }

    Code excluding(String... excludes) {
      return new Code(includes, List.of(excludes));
    }

    List<Path> files() {
      return includes.stream().map(Repo::path).filter(Files::exists).flatMap(SourceScan::walk)
          .filter(f -> excludes.stream().map(Repo::path).noneMatch(f::startsWith))
          .sorted()
          .toList();
    }

    boolean exists() {
      return includes.stream().map(Repo::path).anyMatch(Files::exists);
    }
  }

  private SourceScan() {}

  static Set<String> envReads(Code code) {
    Set<String> names = new TreeSet<>();
    for (Path file : code.files()) {
      String name = file.getFileName().toString();
      String text = Repo.read(file);
      if (name.endsWith(".java")) {
        names.addAll(envReadsInJava(text));
      } else if (name.startsWith("logback") && name.endsWith(".xml")) {
        Matcher m = LOGBACK_VAR.matcher(text);
        while (m.find()) {
          names.add(m.group(1));
        }
      }
    }
    return names;
  }

  /** The variables one Java source reads (none unless it reads the environment at all). */
  static Set<String> envReadsInJava(String text) {
    Set<String> names = new TreeSet<>();
    if (READS_ENV.matcher(text).find()) {
      Matcher m = ENV_CALL.matcher(text);
      while (m.find()) {
        if (!NOT_ENV_READS.contains(m.group(1))) {
          names.add(m.group(2));
        }
      }
    }
    return names;
  }

  /** Paths given to the router ({@code router.get("/health")}), as written (with {@code :params}). */
  static Set<String> routes(Code code) {
    Set<String> paths = new TreeSet<>();
    for (Path file : code.files()) {
      if (file.toString().endsWith(".java")) {
        Matcher m = ROUTE.matcher(Repo.read(file));
        while (m.find()) {
          paths.add(m.group(1));
        }
      }
    }
    return paths;
  }

  private static Stream<Path> walk(Path start) {
    try (Stream<Path> files = Files.walk(start)) {
      return files.filter(Files::isRegularFile).toList().stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
