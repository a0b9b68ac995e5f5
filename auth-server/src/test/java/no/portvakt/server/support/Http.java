package no.portvakt.server.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Plain HTTP calls to Portvakt, as a partner's backend makes them. */
public final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final java.time.Duration TIMEOUT = java.time.Duration.ofSeconds(30);

    private Http() {
    }

    public static HttpResponse<String> get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET().build());
    }

    public static HttpResponse<String> get(String url, String headerName, String headerValue) {
        return send(HttpRequest.newBuilder(URI.create(url)).header(headerName, headerValue).GET().build());
    }

    public static HttpResponse<String> postForm(String url, Map<String, String> form) {
        return postForm(url, form, null);
    }

    /** A form POST, with HTTP Basic when {@code basic} is {@code id:secret}. */
    public static HttpResponse<String> postForm(String url, Map<String, String> form, String basic) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form)));
        if (basic != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString(basic.getBytes(StandardCharsets.UTF_8)));
        }
        return send(request.build());
    }

    /** A JSON POST with a bearer token (none when {@code token} is null). */
    public static HttpResponse<String> postJson(String url, String token, String body) {
        return withBody("POST", url, token, body);
    }

    /** A JSON PUT with a bearer token. */
    public static HttpResponse<String> putJson(String url, String token, String body) {
        return withBody("PUT", url, token, body);
    }

    /** A DELETE with a bearer token. */
    public static HttpResponse<String> delete(String url, String token) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).DELETE()
                .build());
    }

    private static HttpResponse<String> withBody(String method, String url, String token, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    public static HttpResponse<String> postRaw(String url, String contentType, String body) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    public static JsonNode json(HttpResponse<String> response) {
        return json(response.body());
    }

    public static JsonNode json(String body) {
        return JSON.readTree(body);
    }

    public static Map<String, String> form(String... keysAndValues) {
        Map<String, String> form = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            form.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return form;
    }

    public static String encode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** Sends {@code request}; one that is not answered within {@link #TIMEOUT} fails (Portvakt never hangs). */
    public static HttpResponse<String> send(HttpRequest request) {
        HttpRequest bounded = request.timeout().isPresent() ? request
                : HttpRequest.newBuilder(request, (name, value) -> true).timeout(TIMEOUT).build();
        try {
            return CLIENT.send(bounded, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
