package com.sharedmobility.k8s;

import com.sharedmobility.k8s.Manifests.Workload;
import io.kubernetes.client.custom.IntOrString;
import io.kubernetes.client.custom.Quantity;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1ContainerPort;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1EnvFromSource;
import io.kubernetes.client.openapi.models.V1EnvVar;
import io.kubernetes.client.openapi.models.V1HTTPGetAction;
import io.kubernetes.client.openapi.models.V1Ingress;
import io.kubernetes.client.openapi.models.V1LabelSelector;
import io.kubernetes.client.openapi.models.V1Namespace;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudget;
import io.kubernetes.client.openapi.models.V1PodSecurityContext;
import io.kubernetes.client.openapi.models.V1Probe;
import io.kubernetes.client.openapi.models.V1Secret;
import io.kubernetes.client.openapi.models.V1SecurityContext;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1ServicePort;
import io.kubernetes.client.openapi.models.V1Volume;
import io.kubernetes.client.openapi.models.V1VolumeMount;
import io.kubernetes.client.openapi.models.V2HorizontalPodAutoscaler;
import io.kubernetes.client.openapi.models.V2MetricSpec;
import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a platform team checks before it accepts manifests. Each rule lists its violations (empty when it holds),
 * each naming the object, so that a failing test says what to fix.
 */
final class ManifestRules {

  static final String NAMESPACE = "shared-mobility";
  static final int CPU_TARGET_PERCENT = 20;
  /** The heap a service may have at most (the memory limit times MaxRAMPercentage). */
  static final BigDecimal MAX_HEAP = mebibytes(512);
  private static final Pattern SECRET_NAME = Pattern.compile("PASSWORD|SECRET|TOKEN");
  private static final Pattern HEAP_PERCENTAGE = Pattern.compile("-XX:MaxRAMPercentage=([0-9.]+)");

  private final Manifests manifests;

  ManifestRules(Manifests manifests) {
    this.manifests = manifests;
  }

  /** Every namespaced object lives in the application's namespace. */
  List<String> namespaces() {
    return manifests.objects().stream()
        .filter(object -> !(object instanceof V1Namespace))
        .filter(object -> !NAMESPACE.equals(object.getMetadata().getNamespace()))
        .map(object -> object.getKind() + " " + object.getMetadata().getName() + " is in namespace "
            + object.getMetadata().getNamespace() + ", not " + NAMESPACE)
        .toList();
  }

  /**
   * Every container is probed; a service is probed on its actuator health groups (readiness takes it out of the
   * Service, liveness restarts it) and has a startup probe, so that a slow first start is not killed as dead.
   */
  List<String> probes() {
    List<String> found = new ArrayList<>();
    for (Workload workload : manifests.workloads()) {
      for (V1Container container : workload.containers()) {
        String where = workload + " container " + container.getName();
        if (container.getReadinessProbe() == null || container.getLivenessProbe() == null) {
          found.add(where + " lacks a readiness or liveness probe");
          continue;
        }
        if (workload.kind().equals("Deployment")) {
          checkHttpProbe(found, where + " readiness", container, container.getReadinessProbe(),
              "/actuator/health/readiness");
          checkHttpProbe(found, where + " liveness", container, container.getLivenessProbe(),
              "/actuator/health/liveness");
          checkHttpProbe(found, where + " startup", container, container.getStartupProbe(),
              "/actuator/health/liveness");
        }
      }
    }
    return found;
  }

  private static void checkHttpProbe(List<String> found, String where, V1Container container, V1Probe probe,
                                     String path) {
    V1HTTPGetAction http = probe == null ? null : probe.getHttpGet();
    if (http == null || !path.equals(http.getPath())) {
      found.add(where + " probe must GET " + path);
    } else if (!exposes(container, http.getPort())) {
      found.add(where + " probe asks port " + http.getPort() + ", which the container does not expose");
    }
  }

  /** Requests and limits everywhere; a service's memory limit keeps its heap at most 512 MiB. */
  List<String> resources() {
    List<String> found = new ArrayList<>();
    for (Workload workload : manifests.workloads()) {
      for (V1Container container : workload.containers()) {
        String where = workload + " container " + container.getName();
        var resources = container.getResources();
        Map<String, Quantity> requests = resources == null ? null : resources.getRequests();
        Map<String, Quantity> limits = resources == null ? null : resources.getLimits();
        if (requests == null || !requests.keySet().containsAll(List.of("cpu", "memory"))
            || limits == null || !limits.keySet().containsAll(List.of("cpu", "memory"))) {
          found.add(where + " needs cpu and memory requests and limits");
          continue;
        }
        if (workload.kind().equals("Deployment")) {
          Matcher heap = HEAP_PERCENTAGE.matcher(
              Objects.requireNonNullElse(manifests.environment(container).get("JAVA_TOOL_OPTIONS"), ""));
          if (!heap.find()) {
            found.add(where + " sizes no heap (-XX:MaxRAMPercentage in JAVA_TOOL_OPTIONS)");
          } else if (limits.get("memory").getNumber().multiply(new BigDecimal(heap.group(1)))
              .divide(BigDecimal.valueOf(100)).compareTo(MAX_HEAP) > 0) {
            found.add(where + " allows a heap over 512 MiB (memory limit " + limits.get("memory").toSuffixedString()
                + " x " + heap.group(1) + " %)");
          }
        }
      }
    }
    return found;
  }

  /** Non-root, no privilege escalation, no capabilities, a read-only root file system with a writable /tmp. */
  List<String> security() {
    List<String> found = new ArrayList<>();
    for (Workload workload : manifests.workloads()) {
      V1PodSecurityContext pod = workload.template().getSpec().getSecurityContext();
      for (V1Container container : workload.containers()) {
        String where = workload + " container " + container.getName();
        V1SecurityContext own = container.getSecurityContext();
        boolean nonRoot = own != null && own.getRunAsNonRoot() != null ? own.getRunAsNonRoot()
            : pod != null && Boolean.TRUE.equals(pod.getRunAsNonRoot());
        if (!nonRoot) {
          found.add(where + " may run as root (runAsNonRoot)");
        }
        if (own == null || !Boolean.FALSE.equals(own.getAllowPrivilegeEscalation())
            || !Boolean.TRUE.equals(own.getReadOnlyRootFilesystem()) || own.getCapabilities() == null
            || !Objects.requireNonNullElse(own.getCapabilities().getDrop(), List.of()).contains("ALL")) {
          found.add(where + " must drop ALL capabilities, forbid privilege escalation and mount its root read-only");
        }
        if (Objects.requireNonNullElse(container.getVolumeMounts(), List.<V1VolumeMount>of()).stream()
            .noneMatch(mount -> mount.getMountPath().equals("/tmp"))) {
          found.add(where + " has no writable /tmp under its read-only root");
        }
      }
    }
    return found;
  }

  /** A password, secret or token comes from a Secret, never from a literal or a ConfigMap. */
  List<String> noPlaintextSecrets() {
    List<String> found = new ArrayList<>();
    for (Workload workload : manifests.workloads()) {
      for (V1Container container : workload.containers()) {
        for (V1EnvVar variable : Objects.requireNonNullElse(container.getEnv(), List.<V1EnvVar>of())) {
          if (SECRET_NAME.matcher(variable.getName()).find()
              && (variable.getValueFrom() == null || variable.getValueFrom().getSecretKeyRef() == null)) {
            found.add(workload + " sets " + variable.getName() + " other than from a Secret");
          }
        }
      }
    }
    for (V1ConfigMap configMap : manifests.all(V1ConfigMap.class)) {
      Objects.requireNonNullElse(configMap.getData(), Map.<String, String>of()).keySet().stream()
          .filter(key -> SECRET_NAME.matcher(key).find())
          .forEach(key -> found.add("ConfigMap " + configMap.getMetadata().getName() + " holds " + key));
    }
    return found;
  }

  /** No Secret carries values: they are created outside git (the base's rule; an overlay may generate some). */
  List<String> noSecretValues() {
    return manifests.all(V1Secret.class).stream()
        .filter(secret -> secret.getData() != null || secret.getStringData() != null)
        .map(secret -> "Secret " + secret.getMetadata().getName() + " carries values")
        .toList();
  }

  /**
   * Every Deployment scales on CPU (autoscaling/v2, 20 %) between {@code minReplicas} and {@code maxReplicas},
   * leaves its replica count to the autoscaler, and has a PodDisruptionBudget over its pods.
   */
  List<String> autoscaling(int minReplicas, int maxReplicas) {
    List<String> found = new ArrayList<>();
    for (V1Deployment deployment : manifests.all(V1Deployment.class)) {
      String name = deployment.getMetadata().getName();
      if (deployment.getSpec().getReplicas() != null) {
        found.add("Deployment " + name + " sets replicas, which an apply would reset under the autoscaler");
      }
      List<V2HorizontalPodAutoscaler> autoscalers = manifests.all(V2HorizontalPodAutoscaler.class).stream()
          .filter(hpa -> hpa.getSpec().getScaleTargetRef().getKind().equals("Deployment")
              && hpa.getSpec().getScaleTargetRef().getName().equals(name))
          .toList();
      if (autoscalers.size() != 1) {
        found.add("Deployment " + name + " has " + autoscalers.size() + " autoscalers, not one");
      } else {
        var spec = autoscalers.get(0).getSpec();
        List<V2MetricSpec> metrics = Objects.requireNonNullElse(spec.getMetrics(), List.of());
        boolean cpu20 = metrics.size() == 1 && metrics.get(0).getResource() != null
            && metrics.get(0).getResource().getName().equals("cpu")
            && Integer.valueOf(CPU_TARGET_PERCENT).equals(metrics.get(0).getResource().getTarget().getAverageUtilization());
        if (!cpu20 || spec.getMaxReplicas() != maxReplicas || !Integer.valueOf(minReplicas).equals(spec.getMinReplicas())) {
          found.add("Deployment " + name + " must scale on CPU at " + CPU_TARGET_PERCENT + " % between "
              + minReplicas + " and " + maxReplicas + " replicas");
        }
      }
      Map<String, String> labels = deployment.getSpec().getTemplate().getMetadata().getLabels();
      if (manifests.all(V1PodDisruptionBudget.class).stream()
          .noneMatch(pdb -> selects(pdb.getSpec().getSelector(), labels))) {
        found.add("Deployment " + name + " has no PodDisruptionBudget");
      }
    }
    return found;
  }

  /** Each Service selects the pods of one workload and sends to a port those pods expose. */
  List<String> services() {
    List<String> found = new ArrayList<>();
    for (V1Service service : manifests.all(V1Service.class)) {
      String name = "Service " + service.getMetadata().getName();
      Map<String, String> selector = service.getSpec().getSelector();
      List<Workload> selected = manifests.workloads().stream()
          .filter(workload -> selector != null && workload.podLabels().entrySet().containsAll(selector.entrySet()))
          .toList();
      if (selected.size() != 1) {
        found.add(name + " selects " + selected + ", not one workload");
        continue;
      }
      for (V1ServicePort port : service.getSpec().getPorts()) {
        IntOrString target = port.getTargetPort() == null ? new IntOrString(port.getPort()) : port.getTargetPort();
        if (selected.get(0).containers().stream().noneMatch(container -> exposes(container, target))) {
          found.add(name + " port " + port.getPort() + " targets " + target + ", which " + selected.get(0)
              + " does not expose");
        }
        if (service.getMetadata().getName().equals(selected.get(0).name()) && selected.get(0).containers().stream()
            .flatMap(container -> container.getPorts().stream())
            .noneMatch(containerPort -> containerPort.getContainerPort().equals(port.getPort()))) {
          found.add(name + " port " + port.getPort() + " differs from the container's: URLs would need two ports");
        }
      }
    }
    return found;
  }

  /**
   * Whatever is referenced exists: ConfigMaps (and, with {@code withSecrets}, Secrets and their keys) of the
   * workloads, the Services and ports of the Ingress backends, the Deployments the autoscalers scale.
   */
  List<String> references(boolean withSecrets) {
    List<String> found = new ArrayList<>();
    for (Workload workload : manifests.workloads()) {
      for (V1Container container : workload.containers()) {
        Objects.requireNonNullElse(container.getEnvFrom(), List.<V1EnvFromSource>of())
            .stream().filter(source -> source.getConfigMapRef() != null)
            .map(source -> source.getConfigMapRef().getName())
            .filter(name -> manifests.named(V1ConfigMap.class, name).isEmpty())
            .forEach(name -> found.add(workload + " reads ConfigMap " + name + ", which does not exist"));
        for (V1EnvVar variable : Objects.requireNonNullElse(container.getEnv(), List.<V1EnvVar>of())) {
          var secretRef = variable.getValueFrom() == null ? null : variable.getValueFrom().getSecretKeyRef();
          if (withSecrets && secretRef != null && manifests.named(V1Secret.class, secretRef.getName())
              .map(secret -> secret.getData() == null || !secret.getData().containsKey(secretRef.getKey()))
              .orElse(true)) {
            found.add(workload + " reads key " + secretRef.getKey() + " of Secret " + secretRef.getName()
                + ", which does not exist");
          }
        }
      }
      Objects.requireNonNullElse(workload.template().getSpec().getVolumes(),
              List.<V1Volume>of()).stream()
          .filter(volume -> volume.getConfigMap() != null)
          .map(volume -> volume.getConfigMap().getName())
          .filter(name -> manifests.named(V1ConfigMap.class, name).isEmpty())
          .forEach(name -> found.add(workload + " mounts ConfigMap " + name + ", which does not exist"));
    }
    for (V1Ingress ingress : manifests.all(V1Ingress.class)) {
      ingress.getSpec().getRules().stream()
          .flatMap(rule -> rule.getHttp().getPaths().stream())
          .forEach(path -> {
            var backend = path.getBackend().getService();
            boolean exists = manifests.named(V1Service.class, backend.getName())
                .map(service -> service.getSpec().getPorts().stream().anyMatch(port ->
                    Objects.equals(port.getName(), backend.getPort().getName())
                        || Objects.equals(port.getPort(), backend.getPort().getNumber())))
                .orElse(false);
            if (!exists) {
              found.add("Ingress " + ingress.getMetadata().getName() + " sends " + path.getPath() + " to "
                  + backend.getName() + ":" + backend.getPort() + ", which does not exist");
            }
          });
    }
    manifests.all(V2HorizontalPodAutoscaler.class).stream()
        .filter(hpa -> manifests.named(V1Deployment.class, hpa.getSpec().getScaleTargetRef().getName()).isEmpty())
        .forEach(hpa -> found.add("HorizontalPodAutoscaler " + hpa.getMetadata().getName() + " scales nothing"));
    return found;
  }

  /** A service URL in a ConfigMap (http:// or jdbc:postgresql://) names a Service and one of its ports. */
  List<String> serviceUrls() {
    List<String> found = new ArrayList<>();
    for (V1ConfigMap configMap : manifests.all(V1ConfigMap.class)) {
      Objects.requireNonNullElse(configMap.getData(), Map.<String, String>of()).forEach((key, value) -> {
        if (value.startsWith("http://") || value.startsWith("jdbc:postgresql://")) {
          URI uri = URI.create(value.replaceFirst("^jdbc:", ""));
          boolean served = manifests.named(V1Service.class, uri.getHost())
              .map(service -> service.getSpec().getPorts().stream().anyMatch(port -> port.getPort() == uri.getPort()))
              .orElse(false);
          if (!served) {
            found.add("ConfigMap " + configMap.getMetadata().getName() + " " + key + "=" + value
                + " names no Service port of this namespace");
          }
        }
      });
    }
    return found;
  }

  /** No service runs with the local profile (embedded database, seeded users with known passwords). */
  List<String> profiles() {
    List<String> found = new ArrayList<>();
    for (Workload workload : manifests.services()) {
      for (V1Container container : workload.containers()) {
        String profiles = manifests.environment(container).get("SPRING_PROFILES_ACTIVE");
        if (profiles == null || List.of(profiles.split(",")).contains("local")) {
          found.add(workload + " must set SPRING_PROFILES_ACTIVE, and not to local (" + profiles + ")");
        }
      }
    }
    return found;
  }

  /** Each service gets every variable it requires, and only variables it reads (a misspelt one would be ignored). */
  List<String> settings(ServiceSettings settings) {
    List<String> found = new ArrayList<>();
    for (Workload workload : manifests.services()) {
      for (V1Container container : workload.containers()) {
        String service = container.getName();
        Map<String, String> environment = manifests.environment(container);
        ServiceSettings.REQUIRED.getOrDefault(service, List.of("(a service of this project)")).stream()
            .filter(variable -> environment.get(variable) == null || environment.get(variable).isBlank())
            .forEach(variable -> found.add(workload + " container " + service + " lacks " + variable));
        environment.keySet().stream()
            .filter(variable -> !settings.reads(service, variable))
            .forEach(variable -> found.add(workload + " sets " + variable + ", which " + service + " never reads"));
      }
    }
    return found;
  }

  private static boolean exposes(V1Container container, IntOrString port) {
    List<V1ContainerPort> ports = Objects.requireNonNullElse(container.getPorts(), List.of());
    return port.isInteger() ? ports.stream().anyMatch(p -> p.getContainerPort().equals(port.getIntValue()))
        : ports.stream().anyMatch(p -> port.getStrValue().equals(p.getName()));
  }

  private static boolean selects(V1LabelSelector selector, Map<String, String> labels) {
    return selector != null && selector.getMatchLabels() != null
        && (selector.getMatchExpressions() == null || selector.getMatchExpressions().isEmpty())
        && labels.entrySet().containsAll(selector.getMatchLabels().entrySet());
  }

  private static BigDecimal mebibytes(int count) {
    return BigDecimal.valueOf(count).multiply(BigDecimal.valueOf(1024 * 1024));
  }
}
