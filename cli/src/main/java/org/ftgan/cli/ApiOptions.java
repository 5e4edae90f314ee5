package org.ftgan.cli;

import org.ftgan.cli.client.ApiClient;
import picocli.CommandLine.Option;

/** --api and --token of the client commands, defaulting to FTGAN_API / FTGAN_TOKEN and the local stack. */
final class ApiOptions {
    @Option(names = "--api", description = "API base URL (env FTGAN_API; default ${DEFAULT-VALUE}, what `ftgan up` serves)",
            defaultValue = "${env:FTGAN_API:-http://127.0.0.1:7070}")
    String api;

    @Option(names = "--token", description = "API token for writes (env FTGAN_TOKEN; made by `ftgan token create`)",
            defaultValue = "${env:FTGAN_TOKEN:-}")
    String token;

    ApiClient client() {
        return new ApiClient(api, token);
    }
}
