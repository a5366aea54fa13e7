package io.drover.sut;

/**
 * Where a SUT is: {@code local} (this machine, no SSH) or {@code ssh://user@host[:port]}
 * (port 22 when omitted; an IPv6 host goes in brackets, {@code ssh://root@[::1]:2222}).
 */
public sealed interface SutAddress permits SutAddress.Local, SutAddress.Ssh {

    String FORMS = "'local' or 'ssh://user@host[:port]'";

    /** Parses an address; anything but the two forms is an {@link IllegalArgumentException} with a one-line message. */
    static SutAddress parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("missing SUT address: expected " + FORMS);
        }
        if (text.equals("local")) {
            return Local.INSTANCE;
        }
        if (!text.startsWith("ssh://")) {
            throw bad(text, "unknown form");
        }
        String rest = text.substring("ssh://".length());
        int at = rest.indexOf('@');
        if (at < 0) {
            throw bad(text, "no user");
        }
        String user = rest.substring(0, at);
        String hostPort = rest.substring(at + 1);
        if (user.isEmpty() || !user.matches("[A-Za-z0-9._][A-Za-z0-9._-]*")) {
            throw bad(text, "bad user '" + user + "'");
        }
        String host;
        String port = null;
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            if (close < 0) {
                throw bad(text, "unclosed '['");
            }
            host = hostPort.substring(1, close);
            String after = hostPort.substring(close + 1);
            if (!after.isEmpty()) {
                if (!after.startsWith(":")) {
                    throw bad(text, "unexpected '" + after + "' after the host");
                }
                port = after.substring(1);
            }
            if (!host.matches("[0-9A-Fa-f:.]+") || !host.contains(":")) {
                throw bad(text, "bad IPv6 host '" + host + "'");
            }
        } else {
            int colon = hostPort.indexOf(':');
            host = colon < 0 ? hostPort : hostPort.substring(0, colon);
            port = colon < 0 ? null : hostPort.substring(colon + 1);
            if (!host.matches("[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?")) {
                throw bad(text, host.isEmpty() ? "no host" : "bad host '" + host + "'");
            }
        }
        int portNumber = 22;
        if (port != null) {
            if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
                throw bad(text, "bad port '" + port + "'");
            }
            portNumber = Integer.parseInt(port);
        }
        return new Ssh(user, host, portNumber);
    }

    private static IllegalArgumentException bad(String text, String why) {
        return new IllegalArgumentException("bad SUT address '" + text + "' (" + why + "): expected " + FORMS);
    }

    /** How the SUT is named in messages: {@code local} or {@code user@host:port}. */
    String display();

    /** This machine. */
    record Local() implements SutAddress {
        public static final Local INSTANCE = new Local();

        @Override
        public String display() {
            return "local";
        }

        @Override
        public String toString() {
            return "local";
        }
    }

    /** A machine reached over SSH. */
    record Ssh(String user, String host, int port) implements SutAddress {
        public Ssh {
            if (user == null || user.isEmpty() || host == null || host.isEmpty() || port < 1 || port > 65535) {
                throw new IllegalArgumentException("bad SUT address " + user + "@" + host + ":" + port);
            }
        }

        @Override
        public String display() {
            return user + "@" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }

        @Override
        public String toString() {
            return "ssh://" + display();
        }
    }
}
