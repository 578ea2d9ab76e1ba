package com.sharedmobility.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1EnvFromSource;
import io.kubernetes.client.openapi.models.V1EnvVar;
import io.kubernetes.client.openapi.models.V1PodTemplateSpec;
import io.kubernetes.client.openapi.models.V1StatefulSet;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/** A rendered set of manifests, each read against the API schema, with the look-ups the rules need. */
record Manifests(List<KubernetesObject> objects) {

  /** A Deployment or StatefulSet: what runs containers. */
  record Workload(String kind, String name, V1PodTemplateSpec template) {

    List<V1Container> containers() {
      return template.getSpec().getContainers();
    }

    Map<String, String> podLabels() {
      return Objects.requireNonNullElse(template.getMetadata().getLabels(), Map.of());
    }

    @Override
    public String toString() {
      return kind + " " + name;
    }
  }

  /** Renders the kustomization in this directory and reads every resource against the schema. */
  static Manifests render(Path kustomization) {
    return of(Kustomize.build(kustomization));
  }

  static Manifests of(List<? extends JsonNode> documents) {
    return new Manifests(documents.stream().map(ApiSchema::read).toList());
  }

  <T extends KubernetesObject> List<T> all(Class<T> kind) {
    return objects.stream().filter(kind::isInstance).map(kind::cast).toList();
  }

  <T extends KubernetesObject> Optional<T> named(Class<T> kind, String name) {
    return all(kind).stream().filter(object -> name.equals(object.getMetadata().getName())).findFirst();
  }

  List<Workload> workloads() {
    return Stream.concat(
        all(V1Deployment.class).stream().map(d -> new Workload("Deployment", d.getMetadata().getName(),
            d.getSpec().getTemplate())),
        all(V1StatefulSet.class).stream().map(s -> new Workload("StatefulSet", s.getMetadata().getName(),
            s.getSpec().getTemplate())))
        .toList();
  }

  /** The Deployments: the Spring Boot services (PostgreSQL is the only StatefulSet). */
  List<Workload> services() {
    return workloads().stream().filter(workload -> workload.kind().equals("Deployment")).toList();
  }

  /**
   * The container's environment as the service sees it: ConfigMap entries (envFrom) overridden by its own env;
   * a value from a Secret reads {@code secret:<name>/<key>}, a value of an unknown ConfigMap stays unset.
   */
  Map<String, String> environment(V1Container container) {
    Map<String, String> environment = new LinkedHashMap<>();
    for (V1EnvFromSource source : Objects.requireNonNullElse(container.getEnvFrom(), List.<V1EnvFromSource>of())) {
      if (source.getConfigMapRef() != null) {
        named(V1ConfigMap.class, source.getConfigMapRef().getName())
            .ifPresent(configMap -> environment.putAll(Objects.requireNonNullElse(configMap.getData(), Map.of())));
      }
    }
    for (V1EnvVar variable : Objects.requireNonNullElse(container.getEnv(), List.<V1EnvVar>of())) {
      if (variable.getValueFrom() != null && variable.getValueFrom().getSecretKeyRef() != null) {
        var ref = variable.getValueFrom().getSecretKeyRef();
        environment.put(variable.getName(), "secret:" + ref.getName() + "/" + ref.getKey());
      } else {
        environment.put(variable.getName(), variable.getValue());
      }
    }
    return environment;
  }
}
