package com.sharedmobility.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The checks fail, and say why, on manifests that are broken on purpose (src/test/resources/broken). */
class BrokenManifestsTest {

  @Test
  void aMisspeltFieldFailsTheSchemaNamingTheField() {
    var document = Kustomize.read(broken("misspelt-field.yaml")).get(0);

    assertThatThrownBy(() -> ApiSchema.read(document))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("apps/v1 Deployment key-adapter does not match the Kubernetes API schema")
        .hasMessageContaining("livenesProbe");
  }

  @Test
  void anUnsafeDeploymentBreaksEveryRuleItShould() {
    var rules = new ManifestRules(Manifests.of(Kustomize.read(broken("unsafe-deployment.yaml"))));

    assertThat(rules.noPlaintextSecrets())
        .containsExactly("Deployment payment-adapter sets SPRING_DATASOURCE_PASSWORD other than from a Secret");
    assertThat(rules.probes())
        .containsExactly("Deployment payment-adapter container payment-adapter lacks a readiness or liveness probe");
    assertThat(rules.resources())
        .containsExactly("Deployment payment-adapter container payment-adapter needs cpu and memory requests and limits");
    assertThat(rules.security()).containsExactly(
        "Deployment payment-adapter container payment-adapter may run as root (runAsNonRoot)",
        "Deployment payment-adapter container payment-adapter must drop ALL capabilities, forbid privilege "
            + "escalation and mount its root read-only",
        "Deployment payment-adapter container payment-adapter has no writable /tmp under its read-only root");
    assertThat(rules.profiles())
        .containsExactly("Deployment payment-adapter must set SPRING_PROFILES_ACTIVE, and not to local (local)");
    assertThat(rules.autoscaling(2, 10)).containsExactly(
        "Deployment payment-adapter sets replicas, which an apply would reset under the autoscaler",
        "Deployment payment-adapter has 0 autoscalers, not one",
        "Deployment payment-adapter has no PodDisruptionBudget");
    assertThat(rules.services())
        .containsExactly("Service payment-adapter port 8081 targets 9090, which Deployment payment-adapter does not expose");
    assertThat(rules.settings(new ServiceSettings(Path.of("").toAbsolutePath().getParent())))
        .contains("Deployment payment-adapter container payment-adapter lacks PAYMENT_CLIENT_PASSWORD");
  }

  private static Path broken(String name) {
    try {
      return Path.of(BrokenManifestsTest.class.getResource("/broken/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
