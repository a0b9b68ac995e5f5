package no.portvakt.server.edge;

import java.io.IOException;
import java.io.PrintWriter;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * The answer to what the servlet container refuses before Portvakt sees it (a request line or header beyond its
 * limit, an encoded slash or NUL in the path, a body too large): Portvakt's error shape, not the container's HTML
 * page. A browser gets a short page in the three languages, anything else RFC 6749 §5.2's JSON; both
 * {@code no-store}. Everything that reaches the application is answered by its own error page instead.
 */
public final class ServerErrorReport extends ErrorReportValve {

    private static final String PAGE = """
            <!DOCTYPE html>
            <html lang="nb">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Portvakt</title></head>
            <body><main>
            <h1>Forespørselen kunne ikke behandles</h1>
            <p>Nettleseren sendte noe Portvakt ikke kan lese. Gå tilbake og prøv igjen.</p>
            <h2 lang="nn">Førespurnaden kunne ikkje handsamast</h2>
            <p lang="nn">Nettlesaren sende noko Portvakt ikkje kan lese. Gå tilbake og prøv igjen.</p>
            <h2 lang="en">The request could not be handled</h2>
            <p lang="en">Your browser sent something Portvakt cannot read. Go back and try again.</p>
            </main></body>
            </html>
            """;

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        String accept = request.getHeader("Accept");
        boolean browser = accept != null && accept.contains("text/html");
        try {
            response.setHeader("Cache-Control", "no-store");
            response.setContentType(browser ? "text/html;charset=UTF-8" : "application/json;charset=UTF-8");
            PrintWriter writer = response.getReporter();
            if (writer != null) {
                writer.write(browser ? PAGE : "{\"error\":\"" + (status >= 500 ? "server_error" : "invalid_request")
                        + "\"}");
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The connection is gone or the response already on its way: nothing more can be said.
        }
    }
}
