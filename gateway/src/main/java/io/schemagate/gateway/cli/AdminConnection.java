package io.schemagate.gateway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Where the admin API is and who is calling: shared by the CLI commands that are clients of it. */
final class AdminConnection {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--url", defaultValue = "${env:SCHEMAGATE_ADMIN_URL:-http://127.0.0.1:9600}",
            description = "Admin API base URL (env SCHEMAGATE_ADMIN_URL; default ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--token", defaultValue = "${env:SCHEMAGATE_TOKEN}",
            description = "Bearer token (default: env SCHEMAGATE_TOKEN).")
    String token;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    /** Sends the call and prints the answer; returns the exit code (0 ok, 1 refused, 2 unreachable or bad usage). */
    int call(String method, String path, String body, java.util.function.Consumer<JsonNode> onSuccess) {
        PrintWriter err = spec.commandLine().getErr();
        if (token == null || token.isBlank()) {
            err.println("schemagate: no token: pass --token or set SCHEMAGATE_TOKEN");
            return 2;
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url.replaceAll("/+$", "") + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
        b = body == null ? b.GET() : b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> res;
        try {
            res = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build().send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            err.println("schemagate: cannot reach the admin API at " + url + ": " + e.getMessage());
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 2;
        }
        JsonNode node;
        try {
            node = JSON.readTree(res.body());
        } catch (IOException e) {
            err.println("schemagate: the admin API answered " + res.statusCode() + " with something that is not JSON");
            return 2;
        }
        if (res.statusCode() / 100 != 2) {
            err.println("schemagate: " + res.statusCode() + ": " + node.path("error").asText(res.body()));
            return 1;
        }
        onSuccess.accept(node);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
