package org.ftgan.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A POST that declares a Content-Length and sends no body, over a raw socket: what a server that
 * refuses bodies by their declared length answers. With a real 1 MiB body in flight the server's
 * 413-and-close races the upload and the client may see a reset connection instead of the answer.
 */
final class DeclaredLengthRequest {
    /** The answer's status, Content-Type and body. */
    record Answer(int status, String contentType, String body) {
    }

    private DeclaredLengthRequest() {
    }

    static Answer post(int port, String path, String contentType, long declaredLength) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: " + contentType
                    + "\r\nContent-Length: " + declaredLength + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            int n;
            try {
                while ((n = in.read(buf)) > 0) {
                    raw.write(buf, 0, n);
                }
            } catch (IOException e) {
                if (raw.size() == 0) {
                    throw e;
                }
            }
            String text = raw.toString(StandardCharsets.UTF_8);
            int status = Integer.parseInt(text.substring(9, 12));
            int headersEnd = text.indexOf("\r\n\r\n");
            String body = text.substring(headersEnd + 4);
            String answerType = "";
            boolean chunked = false;
            for (String line : text.substring(0, headersEnd).split("\r\n")) {
                String lower = line.toLowerCase(java.util.Locale.ROOT);
                if (lower.startsWith("content-type:")) {
                    answerType = line.substring(13).trim();
                }
                chunked |= lower.startsWith("transfer-encoding:") && lower.contains("chunked");
            }
            return new Answer(status, answerType, chunked ? unchunk(body) : body);
        }
    }

    private static String unchunk(String chunked) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < chunked.length()) {
            int lineEnd = chunked.indexOf("\r\n", i);
            int size = Integer.parseInt(chunked.substring(i, lineEnd).trim(), 16);
            if (size == 0) {
                break;
            }
            out.append(chunked, lineEnd + 2, lineEnd + 2 + size);
            i = lineEnd + 2 + size + 2;
        }
        return out.toString();
    }
}
