package io.drover.cli;

/** A {@code --http [HOST:]PORT} flag: HOST defaults to 127.0.0.1, PORT 0 takes any free port. */
record HttpAddress(String host, int port) {
    static HttpAddress parse(String value) {
        int colon = value.lastIndexOf(':');
        String host = colon < 0 ? "127.0.0.1" : value.substring(0, colon);
        int port;
        try {
            port = Integer.parseInt(value.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 0 || port > 65535 || host.isEmpty()) {
            throw new ExitCodes.UsageException("--http " + value + ": expected [HOST:]PORT");
        }
        return new HttpAddress(host, port);
    }
}
