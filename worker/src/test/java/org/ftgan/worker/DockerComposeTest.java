package org.ftgan.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ftgan.worker.temporal.TemporalCli;
import org.ftgan.workflows.PlatformDefaults;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The repository's docker-compose.yml agrees with {@link PlatformDefaults} and wires the services together. */
class DockerComposeTest {

    private static final List<String> SERVICES =
            List.of("postgres", "temporal", "temporal-ui", "api", "worker-cpu", "worker-gpu");
    private static final List<String> PLATFORM_SERVICES = List.of("api", "worker-cpu", "worker-gpu");
    /** Container ports of the third-party images: PostgreSQL, Temporal frontend, Temporal UI. */
    private static final int POSTGRES_CONTAINER_PORT = 5432;
    private static final int TEMPORAL_CONTAINER_PORT = 7233;
    private static final int UI_CONTAINER_PORT = 8080;

    private static String text;
    private static JsonNode services;
    private static JsonNode compose;

    @BeforeAll
    static void parse() throws IOException {
        Path root = TemporalCli.findProjectRoot(Path.of("")).orElseThrow();
        text = Files.readString(root.resolve("docker-compose.yml"));
        compose = new YAMLMapper().readTree(text);
        services = compose.path("services");
    }

    @Test
    void expectedServicesExist() {
        assertEquals(new TreeSet<>(SERVICES), fieldNames(services));
    }

    @Test
    void publishedPortsAgreeWithPlatformDefaults() {
        assertEquals(List.of(PlatformDefaults.POSTGRES_PORT + ":" + POSTGRES_CONTAINER_PORT), ports("postgres"));
        assertEquals(List.of(PlatformDefaults.TEMPORAL_PORT + ":" + TEMPORAL_CONTAINER_PORT), ports("temporal"));
        assertEquals(List.of(PlatformDefaults.TEMPORAL_UI_PORT + ":" + UI_CONTAINER_PORT), ports("temporal-ui"));
        assertEquals(List.of(PlatformDefaults.API_PORT + ":" + PlatformDefaults.API_PORT), ports("api"));
        assertEquals(Integer.toString(PlatformDefaults.API_PORT),
                environment("api").get(PlatformDefaults.ENV_API_PORT));
        assertEquals(List.of(), ports("worker-cpu"));
        assertEquals(List.of(), ports("worker-gpu"));
    }

    @Test
    void everyFtganVariableIsAPlatformDefaultsConstant() {
        TreeSet<String> used = new TreeSet<>();
        for (String service : SERVICES) {
            environment(service).keySet().stream().filter(name -> name.startsWith("FTGAN_")).forEach(used::add);
        }
        // variables interpolated from the user's shell, e.g. ${FTGAN_DB_PASSWORD:-ftgan}
        Matcher interpolated = Pattern.compile("\\$\\{(FTGAN_[A-Z0-9_]*)").matcher(text);
        while (interpolated.find()) {
            used.add(interpolated.group(1));
        }
        assertTrue(used.size() >= 8, "expected the platform services to be configured, found only " + used);
        TreeSet<String> unknown = new TreeSet<>(used);
        unknown.removeAll(PlatformDefaults.ENVIRONMENT_VARIABLES);
        assertEquals(new TreeSet<>(), unknown, "FTGAN_* variables in docker-compose.yml unknown to PlatformDefaults");
    }

    @Test
    void platformServicesPointAtTheTemporalAndPostgresServices() {
        for (String service : PLATFORM_SERVICES) {
            Map<String, String> env = environment(service);
            assertEquals("temporal:" + TEMPORAL_CONTAINER_PORT, env.get(PlatformDefaults.ENV_TEMPORAL), service);
            assertEquals(PlatformDefaults.NAMESPACE, env.get(PlatformDefaults.ENV_NAMESPACE), service);
            String dbUrl = env.get(PlatformDefaults.ENV_DB_URL);
            assertTrue(dbUrl != null && dbUrl.startsWith("jdbc:postgresql://postgres:" + POSTGRES_CONTAINER_PORT + "/"),
                    service + " " + PlatformDefaults.ENV_DB_URL + "=" + dbUrl);
            assertEquals(environment("postgres").get("POSTGRES_USER"), env.get(PlatformDefaults.ENV_DB_USER), service);
            assertEquals(environment("postgres").get("POSTGRES_PASSWORD"), env.get(PlatformDefaults.ENV_DB_PASSWORD),
                    service);
            TreeSet<String> dependsOn = dependsOn(service);
            assertTrue(dependsOn.contains("postgres") && dependsOn.contains("temporal"),
                    service + " depends on " + dependsOn);
        }
        assertEquals("temporal:" + TEMPORAL_CONTAINER_PORT, environment("temporal-ui").get("TEMPORAL_ADDRESS"));
        Map<String, String> temporal = environment("temporal");
        assertEquals("postgres12", temporal.get("DB"));
        assertEquals("postgres", temporal.get("POSTGRES_SEEDS"));
        assertEquals(PlatformDefaults.NAMESPACE, temporal.get("DEFAULT_NAMESPACE"));
    }

    @Test
    void workersPollThePlatformQueues() {
        assertEquals(List.of("worker", "--queues", PlatformDefaults.CPU_TASK_QUEUE + "," + PlatformDefaults.GPU_TASK_QUEUE),
                strings(services.path("worker-cpu").path("command")));
        assertEquals(List.of("worker", "--queues", PlatformDefaults.GPU_TASK_QUEUE),
                strings(services.path("worker-gpu").path("command")));
        assertEquals(List.of("api"), strings(services.path("api").path("command")));
    }

    @Test
    void gpuWorkerIsBuiltWithCudaAndReservesNvidiaDevices() {
        JsonNode gpu = services.path("worker-gpu");
        assertEquals("cuda", gpu.path("build").path("args").path("MAVEN_PROFILE").asText());
        JsonNode devices = gpu.path("deploy").path("resources").path("reservations").path("devices");
        assertTrue(devices.isArray() && !devices.isEmpty(), "worker-gpu has no device reservation");
        boolean nvidiaGpu = false;
        for (JsonNode device : devices) {
            nvidiaGpu |= device.path("driver").asText().equals("nvidia")
                    && strings(device.path("capabilities")).contains("gpu");
        }
        assertTrue(nvidiaGpu, "worker-gpu must reserve a device with driver nvidia and capabilities [gpu]: " + devices);
        assertTrue(services.path("worker-cpu").path("build").path("args").path("MAVEN_PROFILE").isMissingNode(),
                "worker-cpu must be built with the default CPU backend");
    }

    @Test
    void platformServicesShareTheArtifactsVolume() {
        assertTrue(compose.path("volumes").has("artifacts"), "no top-level volume 'artifacts'");
        for (String service : PLATFORM_SERVICES) {
            String mountPoint = environment(service).get(PlatformDefaults.ENV_ARTIFACTS);
            assertEquals(List.of("artifacts:" + mountPoint), strings(services.path(service).path("volumes")), service);
        }
    }

    private static List<String> ports(String service) {
        return strings(services.path(service).path("ports"));
    }

    /** A service's environment in either compose form: a mapping or a list of NAME=value. */
    private static Map<String, String> environment(String service) {
        JsonNode env = services.path(service).path("environment");
        Map<String, String> result = new TreeMap<>();
        if (env.isObject()) {
            env.fields().forEachRemaining(e -> result.put(e.getKey(), e.getValue().asText()));
        } else if (env.isArray()) {
            for (String entry : strings(env)) {
                int eq = entry.indexOf('=');
                result.put(eq < 0 ? entry : entry.substring(0, eq), eq < 0 ? "" : entry.substring(eq + 1));
            }
        } else if (!env.isMissingNode()) {
            fail("services." + service + ".environment must be a mapping or a list, got " + env);
        }
        return result;
    }

    /** depends_on in either compose form: a list of names or a mapping of name to condition. */
    private static TreeSet<String> dependsOn(String service) {
        JsonNode node = services.path(service).path("depends_on");
        return node.isObject() ? fieldNames(node) : new TreeSet<>(strings(node));
    }

    private static List<String> strings(JsonNode array) {
        List<String> result = new ArrayList<>();
        array.forEach(item -> result.add(item.asText()));
        return result;
    }

    private static TreeSet<String> fieldNames(JsonNode node) {
        TreeSet<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
