package dev.avalon.mail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A one-connection SMTP server that answers RCPT TO with a chosen reply (for 4xx and 5xx answers no
 * real server gives on demand), or says nothing at all (for timeouts).
 */
final class ScriptedSmtpServer implements AutoCloseable {

    private final ServerSocket socket;
    private final Thread thread;

    private ScriptedSmtpServer(String rcptReply, boolean silent) {
        try {
            socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        thread = new Thread(() -> serve(rcptReply, silent), "scripted-smtp");
        thread.setDaemon(true);
        thread.start();
    }

    /** Answers every RCPT TO with {@code reply}, e.g. {@code "550 5.1.1 no such user"}. */
    static ScriptedSmtpServer answeringRcpt(String reply) {
        return new ScriptedSmtpServer(reply, false);
    }

    /** Accepts the connection and never answers. */
    static ScriptedSmtpServer silent() {
        return new ScriptedSmtpServer(null, true);
    }

    int port() {
        return socket.getLocalPort();
    }

    private void serve(String rcptReply, boolean silent) {
        try (Socket client = socket.accept()) {
            BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = client.getOutputStream();
            if (silent) {
                in.readLine();
                return;
            }
            say(out, "220 scripted ESMTP");
            String line;
            while ((line = in.readLine()) != null) {
                String command = line.toUpperCase(Locale.ROOT);
                if (command.startsWith("EHLO") || command.startsWith("HELO")) {
                    say(out, "250 scripted");
                } else if (command.startsWith("RCPT")) {
                    say(out, rcptReply);
                } else if (command.startsWith("QUIT")) {
                    say(out, "221 bye");
                    return;
                } else {
                    say(out, "250 ok");
                }
            }
        } catch (IOException e) {
            // the client hung up or the test closed the server: nothing left to answer
        }
    }

    private static void say(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
