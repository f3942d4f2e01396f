package com.tixproof.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The stages of a Dockerfile and the instructions each one has or inherits from the stage it is built on. */
final class Dockerfile {
  record Stage(String name, String base, List<String> instructions) {}

  private final List<Stage> stages = new ArrayList<>();

  Dockerfile(Path file) {
    String text = Repo.read(file).replace("\\\n", " ");
    Stage current = null;
    for (String raw : text.split("\n")) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.toUpperCase(Locale.ROOT).startsWith("FROM ")) {
        String[] words = line.split("\\s+");
        String name = words.length >= 4 && words[2].equalsIgnoreCase("AS") ? words[3] : "#" + stages.size();
        current = new Stage(name, words[1], new ArrayList<>());
        stages.add(current);
      } else if (current != null) {
        current.instructions().add(line);
      }
    }
  }

  List<Stage> stages() {
    return stages;
  }

  /** The stage a build with this target (or no target: the last stage) produces. */
  Optional<Stage> stage(String target) {
    if (target == null) {
      return stages.isEmpty() ? Optional.empty() : Optional.of(stages.get(stages.size() - 1));
    }
    return stages.stream().filter(s -> s.name().equals(target)).findFirst();
  }

  /** The instructions with this keyword in the stage and the stages it is built on, nearest first. */
  List<String> inherited(Stage stage, String keyword) {
    List<String> found = new ArrayList<>();
    Stage s = stage;
    while (s != null) {
      for (String line : s.instructions()) {
        if (line.toUpperCase(Locale.ROOT).startsWith(keyword + " ")) {
          found.add(line.substring(keyword.length()).strip());
        }
      }
      String base = s.base();
      s = stages.stream().filter(other -> other.name().equals(base)).findFirst().orElse(null);
    }
    return found;
  }
}
