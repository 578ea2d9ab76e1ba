package com.sharedmobility.k8s;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Renders a kustomization the way {@code kubectl kustomize} does, for the few features this project's kustomizations
 * use: resources (files and directories), namespace, secretGenerator from env files without a name hash, and JSON 6902
 * patches selected by kind and name. Any other field fails loudly, so that a kustomization cannot quietly mean more
 * to kubectl than to these tests.
 */
final class Kustomize {

  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private static final Set<String> SUPPORTED = Set.of("apiVersion", "kind", "namespace", "resources",
      "generatorOptions", "secretGenerator", "patches");
  private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace");

  private Kustomize() {
  }

  /** The resources the kustomization in this directory stands for, in order. */
  static List<ObjectNode> build(Path directory) {
    JsonNode kustomization = read(directory.resolve("kustomization.yaml")).get(0);
    kustomization.fieldNames().forEachRemaining(field -> {
      if (!SUPPORTED.contains(field)) {
        throw new IllegalArgumentException(directory + ": kustomization field '" + field + "' is not rendered by "
            + "these tests; extend Kustomize or keep the kustomization simpler");
      }
    });
    List<ObjectNode> resources = new ArrayList<>();
    for (JsonNode entry : kustomization.path("resources")) {
      Path path = directory.resolve(entry.asText()).normalize();
      if (Files.isDirectory(path)) {
        resources.addAll(build(path));
      } else {
        read(path).forEach(document -> resources.add((ObjectNode) document));
      }
    }
    resources.addAll(secrets(directory, kustomization));
    for (JsonNode patch : kustomization.path("patches")) {
      applyPatch(resources, patch);
    }
    if (kustomization.has("namespace")) {
      String namespace = kustomization.get("namespace").asText();
      resources.stream()
          .filter(resource -> !CLUSTER_SCOPED.contains(resource.path("kind").asText()))
          .forEach(resource -> ((ObjectNode) resource.get("metadata")).put("namespace", namespace));
    }
    return resources;
  }

  /** Every YAML document in a file, without the empty ones. */
  static List<JsonNode> read(Path file) {
    try (var parser = YAML.createParser(file.toFile())) {
      List<JsonNode> documents = new ArrayList<>();
      Iterator<JsonNode> values = YAML.readValues(parser, JsonNode.class);
      values.forEachRemaining(document -> {
        if (document != null && !document.isNull() && !document.isEmpty()) {
          documents.add(document);
        }
      });
      return documents;
    } catch (IOException e) {
      throw new UncheckedIOException(file.toString(), e);
    }
  }

  private static List<ObjectNode> secrets(Path directory, JsonNode kustomization) {
    JsonNode generators = kustomization.path("secretGenerator");
    if (!generators.isEmpty() && !kustomization.path("generatorOptions").path("disableNameSuffixHash").asBoolean()) {
      throw new IllegalArgumentException(directory + ": generated names with a hash suffix are not rendered by these "
          + "tests (set generatorOptions.disableNameSuffixHash)");
    }
    List<ObjectNode> secrets = new ArrayList<>();
    for (JsonNode generator : generators) {
      ObjectNode secret = YAML.createObjectNode().put("apiVersion", "v1").put("kind", "Secret").put("type", "Opaque");
      secret.putObject("metadata").put("name", generator.get("name").asText());
      ObjectNode data = secret.putObject("data");
      for (JsonNode envFile : generator.path("envs")) {
        for (String line : lines(directory.resolve(envFile.asText()))) {
          if (!line.isBlank() && !line.startsWith("#")) {
            int equals = line.indexOf('=');
            data.put(line.substring(0, equals), Base64.getEncoder()
                .encodeToString(line.substring(equals + 1).getBytes(StandardCharsets.UTF_8)));
          }
        }
      }
      secrets.add(secret);
    }
    return secrets;
  }

  private static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException(file + " (for a secretGenerator)", e);
    }
  }

  private static void applyPatch(List<ObjectNode> resources, JsonNode patch) {
    String kind = patch.path("target").path("kind").asText(null);
    String name = patch.path("target").path("name").asText(null);
    JsonNode operations;
    try {
      operations = YAML.readTree(patch.get("patch").asText());
    } catch (IOException e) {
      throw new UncheckedIOException("patch of " + kind + " " + name, e);
    }
    List<ObjectNode> targets = resources.stream()
        .filter(resource -> kind == null || kind.equals(resource.path("kind").asText()))
        .filter(resource -> name == null || name.equals(resource.path("metadata").path("name").asText()))
        .toList();
    if (targets.isEmpty()) {
      throw new IllegalArgumentException("a patch targets " + kind + " " + name + ", which does not exist");
    }
    for (ObjectNode target : targets) {
      for (JsonNode operation : operations) {
        apply(target, operation);
      }
    }
  }

  /** One JSON 6902 operation: add, replace or remove, the ones these kustomizations use. */
  private static void apply(ObjectNode target, JsonNode operation) {
    JsonPointer path = JsonPointer.compile(operation.get("path").asText());
    JsonNode parent = target.at(path.head());
    String field = path.last().getMatchingProperty();
    String op = operation.get("op").asText();
    boolean exists = parent instanceof ObjectNode object ? object.has(field)
        : parent instanceof ArrayNode array && path.last().getMatchingIndex() < array.size();
    if (!(parent instanceof ContainerNode<?>) || (!exists && !op.equals("add"))) {
      throw new IllegalArgumentException(op + " " + path + ": no such path in " + target.at("/metadata/name"));
    }
    switch (op) {
      case "add", "replace" -> {
        if (parent instanceof ObjectNode object) {
          object.set(field, operation.get("value"));
        } else if (op.equals("add")) {
          ((ArrayNode) parent).insert(path.last().getMatchingIndex(), operation.get("value"));
        } else {
          ((ArrayNode) parent).set(path.last().getMatchingIndex(), operation.get("value"));
        }
      }
      case "remove" -> {
        if (parent instanceof ObjectNode object) {
          object.remove(field);
        } else {
          ((ArrayNode) parent).remove(path.last().getMatchingIndex());
        }
      }
      default -> throw new IllegalArgumentException("patch operation '" + op + "' is not rendered by these tests");
    }
  }
}
