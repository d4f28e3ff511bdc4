package io.sluice.resolver;

/** Tells IP literals from host names without a lookup. */
final class IpLiteral {
    private IpLiteral() {}

    /**
     * Returns whether {@code host} is an IPv4 dotted quad or an IPv6 literal (with or without
     * brackets): for those the JDK parses the text and never asks a name server.
     */
    static boolean isLiteral(String host) {
        if (host.indexOf(':') >= 0) {
            return true; // a name never contains a colon
        }
        int dots = 0;
        int digits = 0;
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c == '.') {
                if (digits == 0) {
                    return false;
                }
                dots++;
                digits = 0;
            } else if (c >= '0' && c <= '9' && digits < 3) {
                digits++;
            } else {
                return false;
            }
        }
        return dots == 3 && digits > 0;
    }
}
