package com.sharedmobility.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubernetes.client.openapi.models.V1Secret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The base and the local overlay, rendered as kubectl would and read against the Kubernetes API schema, hold what a
 * platform team checks: probes, limits, no plaintext secret, autoscaling, disruption budgets, consistent references.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ManifestsTest {

  /** The k8s module; the tests run in it. */
  private static final Path MODULE = Path.of("").toAbsolutePath();

  /** A rendering and what its autoscalers must allow. */
  record Rendering(String name, Manifests manifests, int minReplicas, int maxReplicas, boolean withSecrets) {
    ManifestRules rules() {
      return new ManifestRules(manifests);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  private Rendering base;
  private Rendering local;

  @BeforeAll
  void render(@TempDir Path copy) {
    base = new Rendering("base", Manifests.render(MODULE.resolve("base")), 2, 10, false);
    local = new Rendering("local overlay", Manifests.render(withLocalSecrets(copy)), 1, 2, true);
  }

  /** A copy of the manifests with the local Secrets' files written by the overlay's own script (they are not in git). */
  private static Path withLocalSecrets(Path copy) {
    copyTree(MODULE.resolve("base"), copy.resolve("base"));
    Path overlay = copy.resolve("overlays/local");
    copyTree(MODULE.resolve("overlays/local"), overlay);
    try {
      Process script = new ProcessBuilder("bash", overlay.resolve("generate-secrets.sh").toString())
          .redirectErrorStream(true).start();
      String output = new String(script.getInputStream().readAllBytes());
      assertThat(script.waitFor()).as("generate-secrets.sh: %s", output).isZero();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return overlay;
  }

  private static void copyTree(Path from, Path to) {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : files.filter(f -> !from.relativize(f).startsWith("secrets")).toList()) {
        Path target = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  List<Rendering> renderings() {
    return List.of(base, local);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("renderings")
  void everyObjectIsInTheApplicationNamespace(Rendering rendering) {
    assertThat(rendering.rules().namespaces()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("renderings")
  void everyContainerIsProbedAndServicesOnTheirActuatorHealthGroups(Rendering rendering) {
    assertThat(rendering.manifests().services()).extracting(Manifests.Workload::name)
        .containsExactlyInAnyOrder("process-app", "payment-adapter", "key-adapter");
    assertThat(rendering.rules().probes()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("renderings")
  void everyContainerHasRequestsAndLimitsAndServicesAHeapOfAtMost512MiB(Rendering rendering) {
    assertThat(rendering.rules().resources()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("renderings")
  void everyContainerRunsAsNonRootWithoutPrivilegesOnAReadOnlyRoot(Rendering rendering) {
    assertThat(rendering.rules().security()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("renderings")
  void passwordsSecretsAndTokensComeOnlyFromSecrets(Rendering rendering) {
    assertThat(rendering.rules().noPlaintextSecrets()).isEmpty();
  }

  @Test
  void theBaseDefinesNoSecretValues() {
    assertThat(base.rules().noSecretValues()).isEmpty();
    assertThat(base.manifests().all(V1Secret.class)).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("renderings")
  void everyDeploymentAutoscalesOnCpuAndHasADisruptionBudget(Rendering rendering) {
    assertThat(rendering.rules().autoscaling(rendering.minReplicas(), rendering.maxReplicas())).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("renderings")
  void servicesSelectTheirPodsAndPorts(Rendering rendering) {
    assertThat(rendering.rules().services()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("renderings")
  void everythingReferencedExists(Rendering rendering) {
    assertThat(rendering.rules().references(rendering.withSecrets())).isEmpty();
    assertThat(rendering.rules().serviceUrls()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("renderings")
  void servicesGetTheSettingsTheyReadAndNotTheLocalProfile(Rendering rendering) {
    assertThat(rendering.rules().profiles()).isEmpty();
    assertThat(rendering.rules().settings(new ServiceSettings(MODULE.getParent()))).isEmpty();
  }
}
