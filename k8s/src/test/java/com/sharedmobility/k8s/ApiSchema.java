package com.sharedmobility.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1Ingress;
import io.kubernetes.client.openapi.models.V1Namespace;
import io.kubernetes.client.openapi.models.V1NetworkPolicy;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudget;
import io.kubernetes.client.openapi.models.V1Secret;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1StatefulSet;
import io.kubernetes.client.openapi.models.V2HorizontalPodAutoscaler;
import java.io.IOException;
import java.util.Map;

/**
 * Reads a manifest into the Kubernetes Java client's model of its kind. Those models are generated from the API
 * server's OpenAPI schema, and reading one checks the document against it: an unknown field (a typo, a field at the
 * wrong level), a missing required field or a value of the wrong type is rejected, naming the field.
 */
final class ApiSchema {

  @FunctionalInterface
  private interface Reader {
    KubernetesObject read(String json) throws IOException;
  }

  /** The kinds these manifests may use, by "apiVersion kind". */
  private static final Map<String, Reader> KINDS = Map.of(
      "v1 Namespace", V1Namespace::fromJson,
      "v1 ConfigMap", V1ConfigMap::fromJson,
      "v1 Secret", V1Secret::fromJson,
      "v1 Service", V1Service::fromJson,
      "apps/v1 Deployment", V1Deployment::fromJson,
      "apps/v1 StatefulSet", V1StatefulSet::fromJson,
      "autoscaling/v2 HorizontalPodAutoscaler", V2HorizontalPodAutoscaler::fromJson,
      "policy/v1 PodDisruptionBudget", V1PodDisruptionBudget::fromJson,
      "networking.k8s.io/v1 Ingress", V1Ingress::fromJson,
      "networking.k8s.io/v1 NetworkPolicy", V1NetworkPolicy::fromJson);

  private ApiSchema() {
  }

  /** The document as its kind's model; fails with the document's kind and name when it does not match the schema. */
  static KubernetesObject read(JsonNode document) {
    String kind = document.path("apiVersion").asText() + " " + document.path("kind").asText();
    String name = kind + " " + document.path("metadata").path("name").asText("(no name)");
    Reader reader = KINDS.get(kind);
    if (reader == null) {
      throw new IllegalArgumentException(name + ": not a kind these manifests use (" + KINDS.keySet() + ")");
    }
    try {
      return reader.read(document.toString());
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(name + " does not match the Kubernetes API schema: " + e.getMessage(), e);
    }
  }
}
